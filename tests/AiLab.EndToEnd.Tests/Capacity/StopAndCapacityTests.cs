using System.Text.Json;
using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Capacity;

/// <summary>The real CLI: trials stopped after their marks, and <c>ailab capacity</c> accounting them.</summary>
public sealed class StopAndCapacityTests
{
    // Marks first_batch, then "trains" for ten minutes: only a stop ends it within the test's time.
    private const string LongTraining = """
        import time
        from ailab_probe import mark

        mark("imports")
        mark("first_batch")
        time.sleep(600)
        """;

    [Fact]
    public void Run_StopsMeasuredTrialsAfterTheirMarks_AndCapacityReportsTheSpendAndTheSaving()
    {
        using var sandbox = new Sandbox();
        sandbox.Environment.Remove("AILAB_RUN_TO");
        sandbox.Write("train.py", LongTraining);

        // No warm-up: a warm-up runs to completion, and this one would train for ten minutes.
        var result = sandbox.Ailab(
            "run", "--run", $"{Workloads.Python} train.py", "--trials", "2", "--warmup", "0", "--timeout", "2m");
        result.AssertExit(0);
        var shown = StoreChecks.ShowWithTrials(sandbox, StoreChecks.ExperimentIdFromStderr(result));

        var trials = shown.TrialResults().ToList();
        Assert.Equal(2, trials.Count);
        Assert.All(trials, t =>
        {
            Assert.Equal("succeeded", t.Str("status"));
            Assert.Equal("stopped_after_mark", t.Str("reason"));
            Assert.Equal("first_batch", t.GetProperty("stop").Str("after_mark"));
        });

        var capacity = sandbox.Ailab("capacity", "--json").AssertExit(0).Json();
        var total = capacity.GetProperty("total");
        Assert.Equal(2, total.GetProperty("trials").GetInt32());
        Assert.True(total.GetProperty("cpu_s").GetDouble() > 0, total.ToString());
        Assert.True(total.GetProperty("wall_s").GetDouble() > 0, total.ToString());
        var saved = total.GetProperty("saved_by_stopping");
        Assert.Equal(2, saved.GetProperty("stopped_trials").GetInt32());
        // No warm-up and no earlier run to completion: the saving is unknown, and says so.
        Assert.Equal(JsonValueKind.Null, saved.GetProperty("cpu_s").ValueKind);
        Assert.Equal("adhoc", Assert.Single(capacity.GetProperty("tiers").EnumerateArray()).Str("tier"));
    }

    [Fact]
    public void Capacity_EmptyLabAndBadSince_ReportNothingOrExitTwo()
    {
        using var sandbox = new Sandbox();

        var empty = sandbox.Ailab("capacity").AssertExit(0);
        Assert.Contains("No trials all time", empty.Stdout, StringComparison.Ordinal);

        var bad = sandbox.Ailab("capacity", "--since", "last tuesday").AssertExit(2);
        Assert.Contains("--since 'last tuesday'", bad.Stderr, StringComparison.Ordinal);
    }
}
