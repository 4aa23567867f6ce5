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
