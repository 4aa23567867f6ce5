using AiLab.Core.Trials;
using AiLab.Execution.Processes;

namespace AiLab.Execution.Tests.Processes;

/// <summary>Trials run in their own cgroup: nothing they start survives them, whatever it does with its session.</summary>
[Collection(LocalProcessCollection.Name)]
public sealed class LocalExecutorContainmentTests : IDisposable
{
    private readonly TrialWorkspace _workspace = new();

    [CgroupFact]
    public async Task RunAsync_SetsidGrandchildOutlivingTheTrial_IsKilledAndWarnedAbout()
    {
        var pidFile = Path.Combine(_workspace.Root, "escaped.pid");

        var result = await new LocalExecutor().RunAsync(_workspace.Request(
            $"setsid sleep 1000 & echo $! > '{pidFile}'; sleep 0.2; echo '{{\"mark\": \"first_batch\"}}' >> \"$AILAB_EVENTS\""),
            default);

        Assert.True(result.Succeeded, result.Reason);
        var escaped = int.Parse(await File.ReadAllTextAsync(pidFile));
        Assert.True(await TrialWorkspace.WaitUntilDeadAsync(escaped, TimeSpan.FromSeconds(2)), $"pid {escaped} survived");
        Assert.Contains(result.Warnings, w => w.StartsWith("killed 1 process still running after the trial that had left "
            + "its session", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, w => w.StartsWith("stdout/stderr stayed open", StringComparison.Ordinal));
    }

    [CgroupFact]
    public async Task RunAsync_TimeoutWithSetsidGrandchild_KillsTheWholeTree()
    {
        var childFile = Path.Combine(_workspace.Root, "child.pid");
        var escapedFile = Path.Combine(_workspace.Root, "escaped.pid");
        // setsid forks when it is a group leader; "; wait" keeps the shell from exec'ing, so sleep is a grandchild.
        var request = _workspace.Request(
            $"sleep 1000 & echo $! > '{childFile}'; (setsid sh -c 'echo $$ > {escapedFile}; exec sleep 1000' &); wait",
            timeout: TimeSpan.FromMilliseconds(700));

        var result = await new LocalExecutor().RunAsync(request, default);

        Assert.Equal(FailureKind.TimedOut, result.Failure);
        Assert.True(result.WallMs >= 700, $"timed out at {result.WallMs} ms, before its 700 ms deadline");
        foreach (var file in new[] { childFile, escapedFile })
        {
            var pid = int.Parse(await File.ReadAllTextAsync(file));
            Assert.True(await TrialWorkspace.WaitUntilDeadAsync(pid, TimeSpan.FromSeconds(2)), $"pid {pid} survived");
        }
    }

    [CgroupFact]
    public async Task RunAsync_AfterTheTrial_RemovesItsCgroup()
    {
        var result = await new LocalExecutor().RunAsync(_workspace.Request("cat /proc/self/cgroup"), default);

        var line = (await File.ReadAllLinesAsync(result.LogPath!)).Single(l => l.Split(':')[1] == "memory");
        var name = line.Split(':')[2];
        Assert.Matches(@"/ailab-\d+-\d+-trial$", name);
        var mount = "/sys/fs/cgroup/memory";
        Assert.False(Directory.Exists(mount + name), $"{mount + name} was left behind");
    }

    [Fact]
    public async Task RunAsync_WithoutCgroups_SetsidChildHoldingPipesDoesNotHangAndWarns()
    {
        var pidFile = Path.Combine(_workspace.Root, "escaped.pid");
        var executor = new LocalExecutor(new LocalExecutorOptions
        {
            UseCgroups = false,
            PipeDrainTimeout = TimeSpan.FromMilliseconds(200),
        });
        try
        {
            var result = await executor.RunAsync(_workspace.Request(
                $"setsid sleep 1000 & echo $! > '{pidFile}'; sleep 0.2; echo before exit"), default);

            Assert.Contains(result.Warnings, w => w.StartsWith("stdout/stderr stayed open", StringComparison.Ordinal));
            Assert.Equal("before exit\n", await File.ReadAllTextAsync(result.LogPath!));
            Assert.Equal(ResourceUsage.SampledMethod, result.Resources.PeakRssMethod);
        }
        finally
        {
            // Without a cgroup it left the trial for good, so cleaning it up is this test's job.
            if (File.Exists(pidFile) && int.TryParse(await File.ReadAllTextAsync(pidFile), out var escaped)
                && TrialWorkspace.IsAlive(escaped))
                System.Diagnostics.Process.GetProcessById(escaped).Kill();
        }
    }

    public void Dispose() => _workspace.Dispose();
}
