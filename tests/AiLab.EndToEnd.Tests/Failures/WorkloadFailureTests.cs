using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Failures;

/// <summary>Workloads that fail: exit 3, a reason a person can act on, and every failed trial stored with its log.</summary>
public sealed class WorkloadFailureTests
{
    [Fact]
    public void Ab_CommandNotFound_ExitsThreeAndStopsEarlyWithTheFailedTrialsStored()
    {
        using var sandbox = new Sandbox();

        var result = sandbox.Ailab("ab", "--a", "X=1", "--b", "X=2", "--run", "nonexistent-cmd-xyz", "--trials", "10", "--warmup", "0").AssertExit(3);

        Assert.Contains("command not found", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("the workload failed (the first 3 trials of", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Failed trials:", result.Stdout, StringComparison.Ordinal);

        var shown = StoreChecks.ShowWithTrials(sandbox, StoreChecks.ExperimentIdFromStderr(result));
        Assert.Equal("failed", shown.Str("status"));
        Assert.Contains("all failed, so the experiment stopped", shown.Str("status_reason"), StringComparison.Ordinal);
        var (measured, _, failed) = shown.TrialCounts();
        Assert.InRange(measured, 4, 6); // stopped at a variant's third failure, not after all 20
        Assert.Equal(measured, failed);
        Assert.Equal(measured, shown.TrialResults().Count);
        var failures = shown.Failures();
        Assert.Equal(measured, failures.Count);
        Assert.All(failures, f =>
        {
            Assert.Equal("non_zero_exit", f.Str("failure"));
            Assert.Contains("command not found", f.Str("reason"), StringComparison.Ordinal);
            Assert.Contains("nonexistent-cmd-xyz", File.ReadAllText(f.Str("log")), StringComparison.Ordinal);
        });
        Assert.Equal(3, failures.Count(f => f.Str("variant") == shown.TrialResults()[^1].Str("variant")));
    }

    [Fact]
    public void Run_WorkloadCrashes_ExitsThreeWithTheExitCodeAndTheLog()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("crash.py", Workloads.Crashes);

        var result = sandbox.Ailab("run", "--run", $"{Workloads.Python} crash.py", "--trials", "2", "--warmup", "0", "--json").AssertExit(3);

        var doc = result.Json();
        Assert.Equal((2, 0, 2), doc.TrialCounts());
        Assert.All(doc.Failures(), f =>
        {
            Assert.Equal("non_zero_exit", f.Str("failure"));
            Assert.Contains("code 1", f.Str("reason"), StringComparison.Ordinal);
            Assert.Contains("e2e: config is broken, giving up", File.ReadAllText(f.Str("log")), StringComparison.Ordinal);
        });
        Assert.Contains("FAILED (NonZeroExit)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("exit code 3", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WorkloadHangs_ExitsThreeTimedOutAndKillsTheProcess()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("hang.py", Workloads.Hangs);
        var pids = Path.Combine(sandbox.Root, "pids.txt");

        var result = sandbox.Ailab("run", "--run", $"{Workloads.Python} hang.py {pids}", "--timeout", "1s", "--trials", "2", "--warmup", "0", "--json").AssertExit(3);

        var doc = result.Json();
        Assert.Equal((2, 0, 2), doc.TrialCounts());
        Assert.All(doc.Failures(), f =>
        {
            Assert.Equal("timed_out", f.Str("failure"));
            Assert.Contains("timed out", f.Str("reason"), StringComparison.Ordinal);
        });
        Assert.Contains("timed out", result.Stderr, StringComparison.Ordinal);
        var started = File.ReadAllLines(pids).Select(int.Parse).ToList();
        Assert.Equal(2, started.Count);
        Assert.All(started, pid => Assert.False(StoreChecks.IsAlive(pid), $"the hung workload {pid} is still running"));
    }

    [Fact]
    public void Run_WorkloadExitsWithoutFirstBatch_ExitsThreeSayingSo()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("nofirst.py", Workloads.NoFirstBatch);

        var result = sandbox.Ailab("run", "--run", $"{Workloads.Python} nofirst.py", "--trials", "2", "--warmup", "0").AssertExit(3);

        Assert.Contains("first_batch", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("FAILED (NoFirstBatch)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("2 measured, 2 failed", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("No successful trials: nothing to summarize.", result.Stdout, StringComparison.Ordinal);
        var shown = StoreChecks.ShowWithTrials(sandbox, StoreChecks.ExperimentIdFromStderr(result));
        Assert.All(shown.Failures(), f =>
        {
            Assert.Equal("no_first_batch", f.Str("failure"));
            Assert.Contains("first_batch", f.Str("reason"), StringComparison.Ordinal);
        });
        Assert.All(shown.TrialResults(), t =>
        {
            Assert.Equal("failed", t.Str("status"));
            Assert.Equal(System.Text.Json.JsonValueKind.Null, t.GetProperty("ttfb_ms").ValueKind); // a failure is never a number
        });
    }
}
