using System.Diagnostics;
using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Faults;

/// <summary>One experiment, several <c>ailab</c> processes: the lease lets one run it; the others exit 1 naming the
/// holder and run nothing; an owner killed with -9 reads as interrupted and is taken over at once.</summary>
public sealed class ConcurrentResumeTests
{
    [Fact]
    public void AbResume_ThreeAtOnce_OneRunsTheOthersExitOneNamingItAndEverySlotRunsOnce()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("w.sh", FaultWorkload.Script);
        string[] args = ["ab", "--a", "X=1", "--b", "X=2", "--run", "sh w.sh", "--trials", "4", "--warmup", "0", "--no-confirm",
            "--env", "FAULT_SLEEP_S=1"];
        var id = KillAfterFirstStoredTrial(sandbox, args);
        var endsBefore = Ends(sandbox).Count;
        var storedBefore = Sequences(sandbox, id);

        var resumers = Enumerable.Range(0, 3).Select(_ => sandbox.Start("ab", "--resume", id, "--no-confirm", "--json")).ToList();
        var results = resumers.Select(r => r.WaitForExit(TimeSpan.FromMinutes(3))).ToList();
        foreach (var r in resumers) r.Dispose();

        Assert.All(results, r => Assert.True(r.ExitCode is 0 or 1, $"a resume exited {r}"));
        var refused = results.Where(r => r.ExitCode == 1).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Matches($@"experiment {id} is being run by pid \d+ on ", r.Stderr));
        Assert.All(refused, r => Assert.Contains("nothing was run", r.Stderr, StringComparison.Ordinal));
        // The 8 slots: the ones stored before plus exactly one run each of the others, whoever ran them.
        var shown = StoreChecks.ShowWithTrials(sandbox, id);
        Assert.Equal("completed", shown.Str("status"));
        Assert.Equal(Enumerable.Range(0, 8), shown.TrialResults().Select(t => t.Int("sequence")));
        var newEnds = Ends(sandbox).Skip(endsBefore).ToList();
        Assert.Equal(newEnds.Distinct().Count(), newEnds.Count);
        Assert.Equal(8 - storedBefore.Count, newEnds.Count);
        // The verdict was computed from exactly the stored trials.
        Assert.Equal(4, shown.Metric("ttfb").GetProperty("a").Int("n"));
        Assert.Equal(4, shown.Metric("ttfb").GetProperty("b").Int("n"));
    }

    [Fact]
    public void List_OwnerKilledWithSigkill_ShowsInterruptedAndResumeTakesOver()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("w.sh", FaultWorkload.Script);
        var id = KillAfterFirstStoredTrial(sandbox,
            ["run", "--run", "sh w.sh", "--trials", "3", "--warmup", "0", "--env", "FAULT_SLEEP_S=0.3"]);

        var list = sandbox.Ailab("list", "--json").AssertExit(0).Json();
        var shown = sandbox.Ailab("show", id).AssertExit(0);

        var entry = list.GetProperty("experiments").EnumerateArray().Single(e => e.Id() == id);
        Assert.Equal("interrupted", entry.Str("status"));
        Assert.Contains("[interrupted]", shown.Stdout, StringComparison.Ordinal);
        Assert.Contains($"resume with: ailab run --resume {id}", shown.Stdout, StringComparison.Ordinal);
        sandbox.Ailab("run", "--resume", id, "--json").AssertExit(0);
        Assert.Equal(Enumerable.Range(0, 3), Sequences(sandbox, id));
    }

    [Fact]
    public void List_WhileRunning_ShowsTheHolder()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("w.sh", FaultWorkload.Script);
        using var running = sandbox.Start("run", "--run", "sh w.sh", "--trials", "6", "--warmup", "0", "--env", "FAULT_SLEEP_S=1");
        WaitFor(() => sandbox.Ledger().Any(l => l[0] == "start"), running);

        var list = sandbox.Ailab("list", "--json").AssertExit(0).Json();

        var entry = Assert.Single(list.GetProperty("experiments").EnumerateArray());
        Assert.Equal("running", entry.Str("status"));
        Assert.Equal(running.Pid, entry.GetProperty("lease").Int("pid"));
        Assert.Equal(Environment.MachineName, entry.GetProperty("lease").Str("host"));
    }

    /// <summary>Starts <paramref name="args"/>, waits for its first stored trial, kills it with SIGKILL, returns the id.</summary>
    internal static string KillAfterFirstStoredTrial(Sandbox sandbox, string[] args)
    {
        var marker = Guid.NewGuid().ToString("N");
        using var first = sandbox.Start([.. args, "--env", $"{FaultWorkload.MarkerVariable}={marker}"]);
        WaitFor(() => sandbox.Ledger().Count(l => l[0] == "end") >= 2, first);
        first.KillHard();
        var killed = first.WaitForExit();
        Assert.Equal(128 + 9, killed.ExitCode);
        // A trial left running by the kill (until trial containment lands) would write to the ledger later.
        FaultWorkload.WaitUntilNoneMarked(marker, TimeSpan.FromSeconds(30));
        var id = StoreChecks.ExperimentIdFromStderr(killed);
        Assert.NotEmpty(Sequences(sandbox, id));
        return id;
    }

    private static List<int> Sequences(Sandbox sandbox, string id) =>
        StoreChecks.ShowWithTrials(sandbox, id).TrialResults().Select(t => t.Int("sequence")).ToList();

    private static List<string> Ends(Sandbox sandbox) => sandbox.Ledger().Where(l => l[0] == "end").Select(l => l[1]).ToList();

    private static void WaitFor(Func<bool> condition, RunningAilab running)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (running.HasExited) throw new Xunit.Sdk.XunitException($"ailab exited first: {running.WaitForExit()}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "the trials never started");
            Thread.Sleep(20);
        }
    }
}
