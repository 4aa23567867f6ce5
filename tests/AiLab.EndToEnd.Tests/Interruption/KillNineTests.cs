using System.Diagnostics;
using System.Globalization;
using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Interruption;

/// <summary><c>kill -9</c> of ailab takes its running trial (or build) with it, down to a grandchild that left the
/// session with setsid: the containment watchdog sees the harness's pipe close and empties its cgroups.</summary>
[Collection(TimingSensitive.Name)]
public sealed class KillNineTests
{
    // The trial's shell, a background child, and a grandchild in a session of its own, each writing its pid first.
    private const string Workload = """
        echo $$ >> "$1"
        sleep 1000 & echo $! >> "$1"
        (setsid sh -c 'echo $$ >> "$0"; exec sleep 1000' "$1" &)
        wait
        """;

    [Fact]
    public void Ab_KilledWithSigkillDuringATrial_LeavesNoTrialProcessBehind()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("work.sh", Workload);
        var pids = Path.Combine(sandbox.Root, "trial.pids");
        using var running = sandbox.Start("ab", "--a", "X=1", "--b", "X=2", "--run", $"/bin/sh work.sh {pids}",
            "--trials", "2", "--warmup", "0", "--timeout", "10m");

        var started = WaitForPids(pids, 3, running);
        KillNine(running.Pid);

        AssertAllDie(started);
    }

    [Fact]
    public void Ab_KilledWithSigkillDuringABuild_LeavesNoBuildProcessBehind()
    {
        using var sandbox = new Sandbox();
        var repo = new GitRepo(Path.Combine(sandbox.Root, "repo"));
        repo.Commit("one", new Dictionary<string, string> { ["work.sh"] = "true\n", ["build.sh"] = Workload });
        repo.Commit("two", new Dictionary<string, string> { ["README.md"] = "two\n" });
        var pids = Path.Combine(sandbox.Root, "build.pids");
        using var running = sandbox.Start("ab", "--repo", repo.Path, "--a", "HEAD~1", "--b", "HEAD",
            "--run", "/bin/sh work.sh", "--build", $"/bin/sh build.sh {pids}", "--trials", "2", "--warmup", "0");

        var started = WaitForPids(pids, 3, running);
        KillNine(running.Pid);

        AssertAllDie(started);
    }

    [Fact]
    public void Ab_WithoutCgroupsKilledWithSigkill_StillTakesTheTrialAndItsSetsidGrandchild()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("work.sh", Workload);
        var pids = Path.Combine(sandbox.Root, "trial.pids");
        using var running = sandbox.StartWith(new Dictionary<string, string?> { ["AILAB_CGROUPS"] = "0" },
            "ab", "--a", "X=1", "--b", "X=2", "--run", $"/bin/sh work.sh {pids}", "--trials", "2", "--warmup", "0");

        var started = WaitForPids(pids, 3, running);
        KillNine(running.Pid);

        AssertAllDie(started);
    }

    private static List<int> WaitForPids(string file, int count, RunningAilab running)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var pids = File.Exists(file)
                ? File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList()
                : [];
            if (pids.Count >= count)
                return pids;
            if (running.HasExited)
                throw new Xunit.Sdk.XunitException($"ailab exited before the workload started: {running.WaitForExit()}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"only {pids.Count} of {count} processes started");
            Thread.Sleep(20);
        }
    }

    private static void KillNine(int pid)
    {
        using var kill = Process.Start("/bin/kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static void AssertAllDie(List<int> pids)
    {
        var clock = Stopwatch.StartNew();
        while (pids.Any(StoreChecks.IsAlive) && clock.Elapsed < TimeSpan.FromSeconds(20))
            Thread.Sleep(50);
        var survivors = pids.Where(StoreChecks.IsAlive).ToList();
        foreach (var pid in survivors)
            Process.GetProcessById(pid).Kill();
        Assert.True(survivors.Count == 0, $"still running 20 s after kill -9 of ailab: {string.Join(", ", survivors)}");
    }
}
