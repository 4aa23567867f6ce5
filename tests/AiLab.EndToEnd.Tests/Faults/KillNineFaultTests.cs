using System.Diagnostics;
using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.EndToEnd.Tests.Harness;
using AiLab.Lab.Experiments.Leases;
using AiLab.Storage;
using AiLab.Storage.Sqlite;
using AiLab.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace AiLab.EndToEnd.Tests.Faults;

/// <summary>Fault injection: <c>kill -9</c> of the real <c>ailab</c> process at 50 random points of experiments'
/// lives (start-up, store creation, builds, trials, verdict), each followed by <c>--resume</c>. The kill delays come
/// from a seeded generator; the seed is printed and AILAB_FAULT_SEED replays a run.</summary>
public sealed class KillNineFaultTests(ITestOutputHelper output)
{
    private const int Kills = 50;
    private const int DefaultSeed = 20261206;
    private const int TrialsPerVariant = 3;
    private const int Warmup = 1;
    private const int Slots = (TrialsPerVariant + Warmup) * 2;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(12);

    [Fact]
    public void Ailab_KilledAtFiftyRandomPoints_NoStoredTrialLostOrDuplicatedAndEveryResumeCompletes()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("AILAB_FAULT_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        output.WriteLine($"kill -9 fault injection: seed {seed} (replay with AILAB_FAULT_SEED={seed})");
        var random = new Random(seed);
        using var sandbox = new Sandbox();
        sandbox.Write("w.sh", FaultWorkload.Script);
        var marker = Guid.NewGuid().ToString("N");
        var database = Path.Combine(sandbox.Home, "ailab.db");
        var clock = Stopwatch.StartNew();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stored = new Dictionary<int, string>();
        string? id = null;
        var (kills, cycles, completed, leftBehind) = (0, 0, 0, 0);

        while (kills < Kills || id is not null)
        {
            Assert.True(clock.Elapsed < Limit, $"{kills} kills and {completed} completions in {Limit}; seed {seed}");
            // After the 50th kill, the current experiment is resumed without a kill, to its end.
            var delay = kills < Kills ? TimeSpan.FromSeconds(random.NextDouble() * 3.0) : (TimeSpan?)null;
            string[] args = id is null
                ? ["ab", "--a", "X=1", "--b", "X=2", "--run", "sh w.sh", "--trials", $"{TrialsPerVariant}", "--warmup", $"{Warmup}",
                    "--no-confirm", "--env", $"{FaultWorkload.MarkerVariable}={marker}", "--env", "FAULT_SLEEP_S=0.05"]
                : ["ab", "--resume", id, "--no-confirm"];
            cycles++;
            using var running = sandbox.Start(args);
            var killed = false;
            if (delay is { } d && !WaitForExit(running, d))
            {
                running.KillHard();
                killed = true;
            }

            var result = running.WaitForExit(TimeSpan.FromMinutes(3));
            killed &= result.ExitCode == 128 + 9;
            if (killed) kills++;
            else Assert.True(result.ExitCode == 0, $"cycle {cycles} (seed {seed}): {result}");

            Thread.Sleep(200);
            if (FaultWorkload.ProcessesMarked(marker).Count > 0) leftBehind++;
            FaultWorkload.WaitUntilNoneMarked(marker, TimeSpan.FromSeconds(30));

            id ??= NewExperiment(database, seen);
            if (id is null) continue; // killed before the experiment was stored: nothing to resume, start anew
            seen.Add(id);
            var experiment = CheckStore(database, id, stored, $"cycle {cycles}, seed {seed}");
            if (killed)
            {
                Assert.NotEqual(ExperimentStatus.Running, experiment.Status);
                continue;
            }

            Assert.Equal(ExperimentStatus.Completed, experiment.Status);
            Assert.Equal(Enumerable.Range(0, Slots), stored.Keys.Order());
            AssertVerdictMatchesTrials(database, id);
            AssertNoTrialInvented(sandbox, database, id);
            (id, completed) = (null, completed + 1);
            stored.Clear();
        }

        output.WriteLine($"{kills} kills over {cycles} runs, {completed} experiments completed, {seen.Count} started, " +
            $"{leftBehind} kills left a workload process behind for a while, in {clock.Elapsed.TotalSeconds:0} s");
        Assert.Equal(Kills, kills);
        Assert.True(completed >= 1, "no experiment was ever resumed to completion");
    }

    private static bool WaitForExit(RunningAilab running, TimeSpan delay)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < delay)
        {
            if (running.HasExited) return true;
            Thread.Sleep(5);
        }

        return running.HasExited;
    }

    /// <summary>The id of an experiment stored by the last run when it printed none (killed right after storing it).</summary>
    private static string? NewExperiment(string database, HashSet<string> seen)
    {
        using var store = new SqliteExperimentStore(database, StoreAccess.ReadOnly);
        return store.List(100).Select(e => e.Id).FirstOrDefault(e => !seen.Contains(e));
    }

    /// <summary>Integrity, and every trial stored before still stored unchanged; returns the experiment as list shows it.</summary>
    private static Experiment CheckStore(string database, string id, Dictionary<int, string> stored, string context)
    {
        using (var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", check.ExecuteScalar() as string);
        }

        using var store = new SqliteExperimentStore(database, StoreAccess.ReadOnly);
        var trials = store.GetTrials(id);
        var now = trials.ToDictionary(t => t.Sequence, Fingerprint);
        Assert.All(now.Keys, seq => Assert.InRange(seq, 0, Slots - 1));
        foreach (var (sequence, fingerprint) in stored)
        {
            Assert.True(now.TryGetValue(sequence, out var after), $"{context}: trial {sequence} of {id} was lost");
            Assert.True(after == fingerprint, $"{context}: trial {sequence} of {id} was replaced: {fingerprint} -> {after}");
        }

        foreach (var (sequence, fingerprint) in now) stored[sequence] = fingerprint;
        var leases = new ExperimentLeases(store, LocalHolderProbe.Instance, TimeProvider.System);
        return leases.Effective(store.Find(id)!, store.GetLease(id));
    }

    private static void AssertVerdictMatchesTrials(string database, string id)
    {
        using var store = new SqliteExperimentStore(database, StoreAccess.ReadOnly);
        var experiment = store.Find(id)!;
        var trials = store.GetTrials(id);
        var ttfb = experiment.Verdict!.Metrics.Single(m => m.Name == "ttfb");
        Assert.Equal(trials.Count(t => t.Variant == "A" && !t.IsWarmup && t.Result.Succeeded), ttfb.A.N);
        Assert.Equal(trials.Count(t => t.Variant == "B" && !t.IsWarmup && t.Result.Succeeded), ttfb.B.N);
    }

    /// <summary>Every succeeded trial stored is a workload run that reached its end (the ledger says so).</summary>
    private static void AssertNoTrialInvented(Sandbox sandbox, string database, string id)
    {
        var ends = sandbox.Ledger().Where(l => l[0] == "end").Select(l => l[1]).ToHashSet(StringComparer.Ordinal);
        using var store = new SqliteExperimentStore(database, StoreAccess.ReadOnly);
        foreach (var trial in store.GetTrials(id).Where(t => t.Result.Succeeded))
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{id}/{trial.Sequence:D4}-{trial.Variant}.events.jsonl"), ends);
    }

    private static string Fingerprint(TrialRecord t) => string.Create(CultureInfo.InvariantCulture,
        $"{t.Variant}|{t.IsWarmup}|{t.Result.Status}|{t.Result.StartedAt:O}|{t.Result.WallMs}|{t.Result.TtfbMs}");
}
