using System.Text.RegularExpressions;
using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Runs;

/// <summary><c>ailab run</c>, <c>list</c> and <c>show</c> against one lab.</summary>
public sealed class RunListShowTests
{
    private static readonly string[] Metrics =
    [
        "ttfb", "phase:imports", "phase:config_validation", "phase:first_batch", "cpu_time", "peak_rss",
        "phase_cpu:imports", "phase_cpu:config_validation", "phase_cpu:first_batch",
    ];

    [Fact]
    public void Run_PrintsASummaryRowPerMetric()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("phased.py", Workloads.Phased);

        var result = sandbox.Ailab("run", "--run", $"{Workloads.Python} phased.py", "--trials", "3", "--warmup", "1").AssertExit(0);

        Assert.Matches(@"(?m)^metric +n +median +mean +stddev +min +max$", result.Stdout);
        foreach (var metric in Metrics)
            Assert.Matches($@"(?m)^{Regex.Escape(metric)} +3( +\d+\.\d+ (ms|MiB)){{5}}$", result.Stdout);
        Assert.Contains("3 per variant + 1 warm-up; 3 measured, 0 failed", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\[  4/4\] A: ttfb", result.Stderr);
        // The warm-up ran and was stored, but is left out of the numbers.
        var shown = StoreChecks.ShowWithTrials(sandbox, StoreChecks.ExperimentIdFromStderr(result));
        Assert.Equal((3, 1, 0), shown.TrialCounts());
        Assert.Single(shown.TrialResults(), t => t.GetProperty("warmup").GetBoolean());
        StoreChecks.AssertLedgerMatchesStore(sandbox, shown);
    }

    [Fact]
    public void Run_Json_PrintsDescriptiveStatisticsPerMetric()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("phased.py", Workloads.Phased);

        var result = sandbox.Ailab("run", "--run", $"{Workloads.Python} phased.py", "--trials", "3", "--warmup", "0", "--json").AssertExit(0);

        var doc = result.Json();
        Assert.Equal("run", doc.Str("kind"));
        Assert.StartsWith("run-", doc.Id(), StringComparison.Ordinal);
        Assert.Equal((3, 0, 0), doc.TrialCounts());
        Assert.Equal(Metrics, doc.GetProperty("metrics").EnumerateArray().Select(m => m.Str("name")));
        foreach (var m in doc.GetProperty("metrics").EnumerateArray())
        {
            Assert.Equal(3, m.Int("n"));
            var (min, median, max) = (m.GetProperty("min").GetDouble(), m.GetProperty("median").GetDouble(), m.GetProperty("max").GetDouble());
            Assert.True(min > 0 && min <= median && median <= max, $"{m.Str("name")}: min {min}, median {median}, max {max}");
            Assert.InRange(m.GetProperty("mean").GetDouble(), min, max);
            Assert.True(m.GetProperty("stddev").GetDouble() >= 0);
        }

        // TTFB is the sum of its phases (each phase runs from the previous mark).
        var phases = Metrics.Where(n => n.StartsWith("phase:", StringComparison.Ordinal)).Sum(n => doc.Metric(n).GetProperty("mean").GetDouble());
        Assert.Equal(doc.Metric("ttfb").GetProperty("mean").GetDouble(), phases, 0.01);
        StoreChecks.AssertLedgerMatchesStore(sandbox, StoreChecks.ShowWithTrials(sandbox, doc.Id()));
    }

    [Fact]
    public void ListAndShow_TwoExperiments_ListNewestFirstAndShowByUniquePrefix()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("phased.py", Workloads.Phased);
        var first = sandbox.Ailab("run", "--run", $"{Workloads.Python} phased.py", "--trials", "2", "--warmup", "0", "--json").AssertExit(0).Json().Id();
        var second = sandbox.Ailab("ab", "--a", "SLOW=0", "--b", "SLOW=1", "--run", $"{Workloads.Python} phased.py", "--trials", "2", "--warmup", "0", "--json").AssertExit(0).Json().Id();

        var listed = sandbox.Ailab("list").AssertExit(0).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, listed.Length);
        Assert.Matches($@"^{second} +\d{{4}}-\d\d-\d\d \d\d:\d\d +completed +\S+ +adhoc: working tree \+SLOW=0 vs working tree \+SLOW=1$", listed[0]);
        Assert.Matches($@"^{first} +\d{{4}}-\d\d-\d\d \d\d:\d\d +completed +- +adhoc: working tree$", listed[1]);
        var json = sandbox.Ailab("list", "--json").AssertExit(0).Json();
        Assert.Equal([second, first], json.GetProperty("experiments").EnumerateArray().Select(e => e.Id()));
        var newest = sandbox.Ailab("list", "--json", "--limit", "1").AssertExit(0).Json();
        Assert.Equal([second], newest.GetProperty("experiments").EnumerateArray().Select(e => e.Id()));

        // "run-" and "ab-" already tell the two apart.
        var shown = sandbox.Ailab("show", first[..5]).AssertExit(0);
        Assert.StartsWith($"Experiment {first}  [completed]", shown.Stdout, StringComparison.Ordinal);
        Assert.Equal(second, sandbox.Ailab("show", second[..4], "--json").AssertExit(0).Json().Id());
    }

    [Fact]
    public void Show_PrefixOfTwoIds_ExitsTwoNamingBothAndALongerPrefixShowsOne()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("phased.py", Workloads.Phased);
        var ids = Enumerable.Range(0, 2)
            .Select(_ => sandbox.Ailab("run", "--run", $"{Workloads.Python} phased.py", "--trials", "2", "--warmup", "0", "--json").AssertExit(0).Json().Id())
            .ToList();

        var result = sandbox.Ailab("show", "run-").AssertExit(2);

        Assert.All(ids, id => Assert.Contains(id, result.Stderr, StringComparison.Ordinal));
        Assert.Equal("", result.Stdout);
        var differsAt = Enumerable.Range(0, ids[0].Length).First(i => ids[0][i] != ids[1][i]);
        var shown = sandbox.Ailab("show", ids[1][..(differsAt + 1)], "--json").AssertExit(0).Json();
        Assert.Equal(ids[1], shown.Id());
    }
}
