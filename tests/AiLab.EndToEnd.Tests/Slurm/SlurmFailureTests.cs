using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Slurm;

/// <summary>Who failed, through the real cluster: a job the scheduler (here: an administrator's scancel) ends is an
/// infrastructure failure, retried; a program that crashes is the workload's failure.</summary>
[Collection(TimingSensitive.Name)]
[Trait("Category", SlurmCluster.Category)]
public sealed class SlurmFailureTests
{
    [Fact]
    public void Ab_JobCancelledByTheScheduler_RetriedAndReportedAsInfrastructure()
    {
        SlurmCluster.Require();
        using var sandbox = new Sandbox();
        SlurmCluster.WriteLauncher(sandbox);
        // Each trial runs 3 s past its first batch, so the administrator's scancel lands while it runs.
        using var running = sandbox.Start("ab", "--run", $"{Workloads.Python} -S launcher.py", "--a", "AFTER_S=3",
            "--b", "AFTER_S=3", "--trials", "2", "--warmup", "0", "--no-confirm", "--json", "--executor", "slurm");
        string? cancelled = null;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (cancelled is null && DateTime.UtcNow < deadline)
        {
            if (SlurmCluster.Jobs("ailab-trial", "RUNNING") is [var first, ..])
            {
                SlurmCluster.Cancel(first);
                cancelled = first;
            }
            else
            {
                Thread.Sleep(100);
            }
        }

        var result = running.WaitForExit(TimeSpan.FromMinutes(5));
        Assert.NotNull(cancelled);
        var doc = result.AssertExit(0).Json();
        Assert.Equal(0, doc.TrialCounts().Failed);
        var id = doc.Id();
        var trials = sandbox.Ailab("show", id, "--trials", "--json").AssertExit(0).Json().TrialResults();
        var retried = Assert.Single(trials, t => t.GetProperty("scheduler").GetProperty("attempts").GetInt32() == 2);
        var failure = Assert.Single(retried.GetProperty("scheduler").GetProperty("infrastructure_failures").EnumerateArray());
        Assert.Contains($"job {cancelled}", failure.GetString(), StringComparison.Ordinal);
        Assert.Contains("cancelled by the scheduler or an administrator, not by the lab", failure.GetString(),
            StringComparison.Ordinal);
        Assert.Equal("succeeded", retried.Str("status"));
    }

    [Fact]
    public void Ab_ProgramCrashesOnTheNode_WorkloadFailureNotRetried()
    {
        SlurmCluster.Require();
        using var sandbox = new Sandbox();
        SlurmCluster.WriteLauncher(sandbox);

        var result = sandbox.Ailab("ab", "--run", $"{Workloads.Python} -S launcher.py", "--a", "CRASH=0",
            "--b", "CRASH=1", "--trials", "2", "--warmup", "0", "--no-confirm", "--json", "--executor", "slurm");

        var doc = result.AssertExit(3).Json();
        var failures = doc.Failures();
        Assert.NotEmpty(failures);
        Assert.All(failures, f =>
        {
            Assert.Equal("B", f.Str("variant"));
            Assert.Equal("non_zero_exit", f.Str("failure"));
            Assert.Contains("launcher: crashing on purpose", f.Str("reason"), StringComparison.Ordinal);
        });
        var trials = sandbox.Ailab("show", doc.Id(), "--trials", "--json").AssertExit(0).Json().TrialResults();
        Assert.All(trials, t => Assert.Equal(1, t.GetProperty("scheduler").GetProperty("attempts").GetInt32()));
    }
}
