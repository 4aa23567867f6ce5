using System.Text.Json;
using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Ab;

/// <summary><c>ailab ab</c> with environment variants: same code, SLOW=1 sleeps 60 ms in config_validation.</summary>
[Collection(TimingSensitive.Name)]
public sealed class EnvironmentAbTests
{
    // Welch's test and Mann–Whitney both have to agree at alpha 0.01; with 60 ms against a noisy interpreter start on a
    // shared two-core machine, 12 trials a side leave room for a few outliers (5 a side cannot absorb a single one).
    private const string Trials = "12";

    [Fact]
    public void Ab_SlowPhaseInCandidate_ReportsRegressionCausedByThatPhase()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("phased.py", Workloads.Phased);

        var result = sandbox.Ailab("ab", "--a", "SLOW=0", "--b", "SLOW=1", "--run", $"{Workloads.Python} phased.py",
            "--trials", Trials, "--warmup", "0").AssertExit(0);

        Assert.Contains("Verdict: REGRESSION - ttfb +", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"the phase that moved: config_validation \+(?:[6-9]\d|1\d\d)\.\d ms", result.Stdout);
        Assert.Matches(@"(?m)^phase:config_validation .* regression$", result.Stdout);
        Assert.Matches(@"(?m)^  A +working tree \+SLOW=0$", result.Stdout);
        Assert.Matches(@"(?m)^  B +working tree \+SLOW=1$", result.Stdout);
        Assert.Contains("24 measured, 0 failed", result.Stdout, StringComparison.Ordinal);
        StoreChecks.AssertLedgerMatchesStore(sandbox, StoreChecks.ShowWithConfirmation(sandbox, StoreChecks.ExperimentIdFromStderr(result)));
    }

    [Fact]
    public void Ab_JsonWithFailOnRegression_PrintsOneDocumentAndExitsFour()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("phased.py", Workloads.Phased);

        var result = sandbox.Ailab("ab", "--a", "SLOW=0", "--b", "SLOW=1", "--run", $"{Workloads.Python} phased.py",
            "--trials", Trials, "--warmup", "0", "--json", "--fail-on", "regression").AssertExit(4);

        var doc = result.Json();
        Assert.StartsWith("ab-", doc.Id(), StringComparison.Ordinal);
        Assert.Equal("completed", doc.Str("status"));
        Assert.Equal("regression", doc.Str("verdict"));
        Assert.Equal("phase:config_validation", doc.Str("cause"));
        Assert.Equal((24, 0, 0), doc.TrialCounts());
        Assert.Empty(doc.Failures());

        var names = doc.GetProperty("metrics").EnumerateArray().Select(m => m.Str("name")).ToList();
        Assert.Equal(["ttfb", "phase:imports", "phase:config_validation", "phase:first_batch", "cpu_time", "peak_rss",
            "phase_cpu:imports", "phase_cpu:config_validation", "phase_cpu:first_batch"], names);
        foreach (var metric in doc.GetProperty("metrics").EnumerateArray()) AssertComparisonShape(metric);

        var ttfb = doc.Metric("ttfb");
        Assert.Equal("regression", ttfb.Str("verdict"));
        Assert.True(ttfb.GetProperty("change_pct").GetDouble() > 0);
        Assert.True(ttfb.GetProperty("p_value").GetDouble() < 0.01);
        var phase = doc.Metric("phase:config_validation");
        var added = phase.GetProperty("b").GetProperty("median").GetDouble() - phase.GetProperty("a").GetProperty("median").GetDouble();
        Assert.InRange(added, 59.0, 150.0);

        // Progress goes to stderr, one line per trial with the running medians, and never to stdout.
        Assert.Contains($"ailab: experiment {doc.Id()} (", result.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\[  1/24\] [AB]: ttfb \d+\.\d ms", result.Stderr);
        Assert.Matches(@"(?m)^\[ 24/24\] [AB]: ttfb \d+\.\d ms   \(median A \d+\.\d ms n=12 \| B \d+\.\d ms n=12\)$", result.Stderr);
        Assert.Contains("verdict regression matches --fail-on; exit code 4", result.Stderr, StringComparison.Ordinal);
        StoreChecks.AssertLedgerMatchesStore(sandbox, StoreChecks.ShowWithConfirmation(sandbox, doc.Id()));
    }

    [Fact]
    public void Ab_SlowPhaseFromZeroBaselineWithStampedMarks_ReportsRegressionCausedByThatPhase()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("phased.sh", Workloads.ShellStampedByHarness);

        var result = sandbox.Ailab("ab", "--a", "SLOW=0", "--b", "SLOW=1", "--run", "/bin/sh phased.sh",
            "--trials", Trials, "--warmup", "0", "--json").AssertExit(0);

        var doc = result.Json();
        Assert.Equal("regression", doc.Str("verdict"));
        // A relative change from 0 ms is undefined; the absolute one (about +60 ms) must still count.
        var phase = doc.Metric("phase:config_validation");
        Assert.Equal("regression", phase.Str("verdict"));
        Assert.Equal("phase:config_validation", doc.Str("cause"));
        Assert.InRange(phase.GetProperty("diff").GetDouble(), 55.0, 150.0);
        Assert.Equal((24, 0, 0), doc.TrialCounts());
        StoreChecks.AssertLedgerMatchesStore(sandbox, StoreChecks.ShowWithConfirmation(sandbox, doc.Id()));
    }

    private static void AssertComparisonShape(JsonElement metric)
    {
        var name = metric.Str("name");
        Assert.Equal(name == "peak_rss" ? "MiB" : "ms", metric.Str("unit"));
        foreach (var side in new[] { "a", "b" })
        {
            var s = metric.GetProperty(side);
            Assert.Equal(12, s.Int("n"));
            Assert.True(s.GetProperty("median").GetDouble() > 0, $"{name}.{side}.median");
            Assert.True(s.GetProperty("mean").GetDouble() > 0, $"{name}.{side}.mean");
        }

        Assert.Equal(JsonValueKind.Number, metric.GetProperty("change_pct").ValueKind);
        var ci = metric.GetProperty("ci_pct").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.Equal(2, ci.Count);
        Assert.True(ci[0] <= ci[1], $"{name}: ci_pct [{ci[0]}, {ci[1]}] is not an interval");
        Assert.InRange(metric.GetProperty("p_value").GetDouble(), 0.0, 1.0);
        Assert.Contains(metric.Str("verdict"), new[] { "regression", "improvement", "no_change", "inconclusive" });
    }
}
