using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Failures;

/// <summary>One failed trial among good ones: the verdict still comes from the good trials, the failure is reported
/// with its log, and the exit code says the workload failed.</summary>
public sealed class PartialFailureTests
{
    [Fact]
    public void Ab_CandidateCrashesOnItsSecondTrialOnly_ExitsThreeWithVerdictFromTheOthers()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("flaky.py", Workloads.CrashesOnNthRun);
        var counter = Path.Combine(sandbox.Root, "b-runs.txt");

        var result = sandbox.Ailab("ab", "--a", "E2E_SIDE=a", "--b", $"E2E_COUNTER={counter},E2E_CRASH_ON=2",
            "--run", $"{Workloads.Python} flaky.py", "--trials", "4", "--warmup", "0", "--json").AssertExit(3);

        var doc = result.Json();
        Assert.Equal("completed", doc.Str("status"));
        Assert.Equal((8, 0, 1), doc.TrialCounts());
        Assert.Contains(doc.Str("verdict"), new[] { "regression", "improvement", "no_change", "inconclusive" });
        var ttfb = doc.Metric("ttfb");
        Assert.Equal(4, ttfb.GetProperty("a").Int("n"));
        Assert.Equal(3, ttfb.GetProperty("b").Int("n"));

        var failure = Assert.Single(doc.Failures());
        Assert.Equal("B", failure.Str("variant"));
        Assert.Equal("non_zero_exit", failure.Str("failure"));
        Assert.Contains("e2e: crashing on purpose on run 2", File.ReadAllText(failure.Str("log")), StringComparison.Ordinal);
        Assert.Contains(doc.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("B: 1 of 4 trials failed", StringComparison.Ordinal));
        Assert.Equal("4", File.ReadAllText(counter));

        var shown = StoreChecks.ShowWithTrials(sandbox, doc.Id());
        var secondOfB = shown.TrialResults().Where(t => t.Str("variant") == "B").OrderBy(t => t.Int("sequence")).ElementAt(1);
        Assert.Equal(secondOfB.Int("sequence"), failure.Int("sequence"));
        StoreChecks.AssertLedgerMatchesStore(sandbox, shown);
        Assert.Contains("the workload failed", result.Stderr, StringComparison.Ordinal);
    }
}
