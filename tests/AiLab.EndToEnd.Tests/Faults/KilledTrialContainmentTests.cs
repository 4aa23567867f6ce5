using System.Diagnostics;
using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Faults;

/// <summary>A <c>kill -9</c> of ailab must not leave the running trial behind (issue 10, item 3). The fault-injection
/// suite counts such leftovers but, to keep its store checks independent of it, asserts them only here.</summary>
public sealed class KilledTrialContainmentTests
{
    [Fact]
    public void Ailab_KilledWithSigkillMidTrial_LeavesNoWorkloadProcessBehind()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("w.sh", FaultWorkload.Script);
        var marker = Guid.NewGuid().ToString("N");
        using var running = sandbox.Start("run", "--run", "sh w.sh", "--trials", "3", "--warmup", "0",
            "--env", "FAULT_SLEEP_S=30", "--env", $"{FaultWorkload.MarkerVariable}={marker}");
        var clock = Stopwatch.StartNew();
        while (!sandbox.Ledger().Any(l => l[0] == "start"))
        {
            if (running.HasExited) throw new Xunit.Sdk.XunitException($"ailab exited before its first trial: {running.WaitForExit()}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "the first trial never started");
            Thread.Sleep(20);
        }

        running.KillHard();
        running.WaitForExit();
        Thread.Sleep(2000); // time enough for a parent-death signal or a cgroup kill to land
        var left = FaultWorkload.ProcessesMarked(marker);
        foreach (var pid in left)
        {
            using var orphan = Process.GetProcessById(pid);
            orphan.Kill(entireProcessTree: true);
        }

        Assert.True(left.Count == 0, $"the trial's processes {string.Join(", ", left)} outlived the killed ailab");
    }
}
