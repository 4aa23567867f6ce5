using System.Diagnostics;
using System.Globalization;
using AiLab.Core.Trials;
using AiLab.Core.Workflows;
using AiLab.EndToEnd.Tests.Harness;
using AiLab.Execution.Slurm;
using Xunit.Abstractions;

namespace AiLab.EndToEnd.Tests.Slurm;

/// <summary>Two one-CPU trials in flight at once on the two-CPU test node, against the same trials one at a time:
/// both pairs really overlap on different CPUs of one node, and the throughput gain and the added noise are measured
/// (and printed; docs/benchmarks.md records a run).</summary>
[Collection(TimingSensitive.Name)]
[Trait("Category", SlurmCluster.Category)]
public sealed class SlurmConcurrencyTests(ITestOutputHelper output)
{
    // 0.2 s of "imports" (sleep), then ~0.4 s of CPU-bound preprocessing: concurrency shows up as CPU contention.
    private const string Workload = "/usr/bin/python3 -S -c \"import json,os,time\n"
        + "def mark(m):\n  open(os.environ['AILAB_EVENTS'],'a').write(json.dumps({'mark':m,'t_ns':time.monotonic_ns()})+'\\n')\n"
        + "time.sleep(0.2); mark('imports')\nx=0\nfor i in range(2000000): x+=i*i\nmark('preprocessing')\n"
        + "mark('first_batch')\"";

    [Fact]
    public async Task RunAsync_TwoOneCpuTrialsAtOnce_OverlapOnOneNodeAndTheGainIsMeasured()
    {
        SlurmCluster.Require();
        using var sandbox = new Sandbox();
        var executor = new SlurmExecutor();
        var settings = new SlurmSettings { Cpus = 1 };
        var n = 0;
        TrialRequest Request() => new(Workload, sandbox.Work, new Dictionary<string, string?>(), TimeSpan.FromMinutes(2),
            Path.Combine(sandbox.Home, "c", $"{n:0000}.log"), Path.Combine(sandbox.Home, "c", $"{n++:0000}.events.jsonl"),
            Slurm: settings, PlacementGroup: "concurrency");

        const int Pairs = 3;
        var sequential = new List<TrialResult>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 2 * Pairs; i++)
            sequential.Add(await executor.RunAsync(Request(), CancellationToken.None));
        var sequentialS = clock.Elapsed.TotalSeconds;

        var concurrent = new List<TrialResult>();
        clock.Restart();
        for (var i = 0; i < Pairs; i++)
        {
            var pair = await Task.WhenAll(executor.RunAsync(Request(), CancellationToken.None),
                executor.RunAsync(Request(), CancellationToken.None));
            concurrent.AddRange(pair);
            Assert.All(pair, r => Assert.True(r.Succeeded, r.Reason));
            // Both on the one node, each bound to its own CPU, and in flight at the same time.
            Assert.Equal(pair[0].Scheduler!.Node, pair[1].Scheduler!.Node);
            Assert.NotEqual(pair[0].Scheduler!.NodeMachine!.AllocatedCpus, pair[1].Scheduler!.NodeMachine!.AllocatedCpus);
            var (a, b) = (Interval(pair[0]), Interval(pair[1]));
            Assert.True(a.Start < b.End && b.Start < a.End, $"the pair did not overlap: {a} and {b}");
        }

        var concurrentS = clock.Elapsed.TotalSeconds;
        Assert.All(sequential, r => Assert.True(r.Succeeded, r.Reason));
        var (seqRun, parRun) = (RunMs(sequential), RunMs(concurrent));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{2 * Pairs} trials: one at a time {sequentialS:0.0} s, two at a time {concurrentS:0.0} s, throughput x"
            + $"{sequentialS / concurrentS:0.00}; workload TTFB (queue excluded) median {Median(seqRun):0} ms vs "
            + $"{Median(parRun):0} ms, spread (max-min) {seqRun.Max() - seqRun.Min():0} ms vs {parRun.Max() - parRun.Min():0} ms; "
            + $"queue median {Median(sequential.Select(r => r.Scheduler!.QueueMs!.Value)):0} ms vs "
            + $"{Median(concurrent.Select(r => r.Scheduler!.QueueMs!.Value)):0} ms"));
    }

    [Fact]
    public void Ab_TwoOneCpuTrialsAtOnce_SameVerdictAsOneAtATimeWithTheGainAndNoiseMeasured()
    {
        SlurmCluster.Require();
        using var sandbox = new Sandbox();
        SlurmCluster.WriteLauncher(sandbox);
        CliResult Ab(params string[] extra) => sandbox.Ailab(
            ["ab", "--run", $"{Workloads.Python} -S launcher.py", "--a", "TELEMETRY=off", "--b", "TELEMETRY=blocking",
             "--trials", "6", "--warmup", "1", "--seed", "7", "--no-confirm", "--json", "--executor", "slurm",
             .. extra]);

        var clock = Stopwatch.StartNew();
        var one = Ab("--parallel", "1").AssertExit(0).Json();
        var oneS = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var two = Ab().AssertExit(0).Json(); // the default: what the cluster has free, two one-CPU trials here
        var twoS = clock.Elapsed.TotalSeconds;

        Assert.Equal("regression", one.Str("verdict"));
        Assert.Equal(one.Str("verdict"), two.Str("verdict"));
        Assert.Equal(one.Str("cause"), two.Str("cause"));
        var (oneTrials, twoTrials) = (Trials(sandbox, one), Trials(sandbox, two));
        // Like with like: every trial of an experiment on one node.
        Assert.Single(twoTrials.Select(t => t.Node).Distinct());
        Assert.Single(oneTrials.Select(t => t.Node).Distinct());
        // Each measured block (one A, one B) ran at once: count the blocks whose two trials overlapped on the node.
        var blocks = twoTrials.Where(t => !t.Warmup).GroupBy(t => t.Sequence / 2).Select(g => g.ToList()).ToList();
        var overlapped = blocks.Count(b => b.Count == 2 && b[0].Start < b[1].End && b[1].Start < b[0].End);
        Assert.True(overlapped * 2 >= blocks.Count, $"only {overlapped} of {blocks.Count} blocks ran at once");
        // A block started side by side was submitted held and released in one request: one release moment for both.
        // (The warm-ups' block is the exception: its second trial waited for the first's node, see SlurmExecutor.)
        var sideBySide = twoTrials.Where(t => t.Block is not null && !t.Warmup).GroupBy(t => t.Block).ToList();
        Assert.NotEmpty(sideBySide);
        Assert.All(sideBySide, g => Assert.Single(g.Select(t => t.Released).Distinct()));
        Assert.All(sideBySide.Where(g => g.Count() == 2), g => Assert.NotNull(g.First().Released));
        Assert.All(oneTrials.Zip(oneTrials.Skip(1)),
            p => Assert.True(p.First.End <= p.Second.Start.AddMilliseconds(1)));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ab, 6+1 trials per variant through Slurm: one at a time {oneS:0.0} s, two at a time {twoS:0.0} s, "
            + $"throughput x{oneS / twoS:0.00}; {overlapped}/{blocks.Count} measured blocks overlapped; "
            + $"verdict {one.Str("verdict")} ({one.Str("cause")}) both; "
            + $"change {Change(one):0.0}% vs {Change(two):0.0}%; "
            + $"TTFB spread (max-min) A {Spread(oneTrials, "A"):0} vs {Spread(twoTrials, "A"):0} ms, "
            + $"B {Spread(oneTrials, "B"):0} vs {Spread(twoTrials, "B"):0} ms; "
            + $"workload TTFB (queue excluded) spread A {Spread(oneTrials, "A", true):0} vs "
            + $"{Spread(twoTrials, "A", true):0} ms, "
            + $"B {Spread(oneTrials, "B", true):0} vs {Spread(twoTrials, "B", true):0} ms"));
    }

    private sealed record Ran(int Sequence, string Variant, bool Warmup, string Node, double TtfbMs, double QueueMs,
        DateTimeOffset Start, DateTimeOffset End, int? Block, string? Released);

    private static List<Ran> Trials(Sandbox sandbox, System.Text.Json.JsonElement doc) => sandbox
        .Ailab("show", doc.Id(), "--trials", "--json").AssertExit(0).Json().TrialResults()
        .Select(t =>
        {
            var s = t.GetProperty("scheduler");
            // A block's trials are submitted held; their queue phase counts from the release.
            var released = s.GetProperty("released_at").ValueKind == System.Text.Json.JsonValueKind.String
                ? s.Str("released_at") : null;
            var submitted = DateTimeOffset.Parse(released ?? s.Str("submitted_at"), CultureInfo.InvariantCulture);
            var (ttfb, queue) = (t.GetProperty("ttfb_ms").GetDouble(), s.GetProperty("queue_ms").GetDouble());
            int? block = t.TryGetProperty("block", out var b) ? b.GetInt32() : null;
            return new Ran(t.Int("sequence"), t.Str("variant"), t.GetProperty("warmup").GetBoolean(), s.Str("node"),
                ttfb, queue, submitted.AddMilliseconds(queue), submitted.AddMilliseconds(ttfb), block, released);
        })
        .OrderBy(t => t.Sequence)
        .ToList();

    private static double Spread(List<Ran> trials, string variant, bool workloadOnly = false)
    {
        var values = trials.Where(t => !t.Warmup && t.Variant == variant)
            .Select(t => workloadOnly ? t.TtfbMs - t.QueueMs : t.TtfbMs).ToList();
        return values.Max() - values.Min();
    }

    private static double Change(System.Text.Json.JsonElement doc) =>
        doc.Metric("ttfb").GetProperty("change_pct").GetDouble();

    private static (DateTimeOffset Start, DateTimeOffset End) Interval(TrialResult r) =>
        (r.StartedAt.AddMilliseconds(r.Scheduler!.QueueMs!.Value), r.StartedAt.AddMilliseconds(r.WallMs));

    private static List<double> RunMs(IEnumerable<TrialResult> results) =>
        results.Select(r => r.TtfbMs!.Value - r.Scheduler!.QueueMs!.Value).ToList();

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
