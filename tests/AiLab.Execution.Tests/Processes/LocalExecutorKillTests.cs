using System.Diagnostics;
using AiLab.Core.Trials;
using AiLab.Execution.Processes;

namespace AiLab.Execution.Tests.Processes;

[Collection(LocalProcessCollection.Name)]
public sealed class LocalExecutorKillTests : IDisposable
{
    private readonly TrialWorkspace _workspace = new();

    [Fact]
    public async Task RunAsync_Timeout_KillsTheWholeGroupIncludingGrandchild()
    {
        var pidFile = Path.Combine(_workspace.Root, "grandchild.pid");
        var request = _workspace.Request($"sleep 1000 & echo $! > '{pidFile}'; wait", timeout: TimeSpan.FromMilliseconds(500));
        var stopwatch = Stopwatch.StartNew();

        var result = await new LocalExecutor().RunAsync(request, default);

        Assert.Equal(FailureKind.TimedOut, result.Failure);
        Assert.Equal(TrialStatus.Failed, result.Status);
        Assert.Contains("timed out after 500ms before first_batch", result.Reason, StringComparison.Ordinal);
        Assert.Contains(request.LogPath, result.Reason, StringComparison.Ordinal);
        Assert.True(result.WallMs >= 500, $"timed out at {result.WallMs} ms, before its 500 ms deadline");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"took {stopwatch.Elapsed}");
        var grandchild = int.Parse(await File.ReadAllTextAsync(pidFile));
        Assert.True(await TrialWorkspace.WaitUntilDeadAsync(grandchild, TimeSpan.FromSeconds(1)), $"pid {grandchild} survived");
    }

    [Fact]
    public async Task RunAsync_TimeoutWithChildIgnoringSigterm_EscalatesToSigkillAfterGrace()
    {
        var pidFile = Path.Combine(_workspace.Root, "stubborn.pid");
        var executor = new LocalExecutor(new LocalExecutorOptions { KillGracePeriod = TimeSpan.FromMilliseconds(300) });
        var request = _workspace.Request(
            $"(trap '' TERM; exec sleep 1000) & echo $! > '{pidFile}'; echo '{{\"mark\": \"first_batch\"}}' >> \"$AILAB_EVENTS\"; wait",
            timeout: TimeSpan.FromMilliseconds(400));
        var stopwatch = Stopwatch.StartNew();

        var result = await executor.RunAsync(request, default);

        Assert.Equal(FailureKind.TimedOut, result.Failure);
        Assert.Contains("timed out after 400ms after first_batch", result.Reason, StringComparison.Ordinal);
        Assert.Null(result.TtfbMs);
        Assert.Contains(result.Marks, m => m.Name == "first_batch");
        Assert.InRange(stopwatch.Elapsed.TotalMilliseconds, 650, 2500);
        var stubborn = int.Parse(await File.ReadAllTextAsync(pidFile));
        Assert.True(await TrialWorkspace.WaitUntilDeadAsync(stubborn, TimeSpan.FromSeconds(1)), $"pid {stubborn} survived");
    }

    [Fact]
    public async Task RunAsync_Cancelled_KillsGroupAndReturnsInterruptedFast()
    {
        var pidFile = Path.Combine(_workspace.Root, "child.pid");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();

        var result = await new LocalExecutor().RunAsync(
            _workspace.Request($"sleep 1000 & echo $! > '{pidFile}'; sleep 1000"), cancellation.Token);

        Assert.Equal(FailureKind.Interrupted, result.Failure);
        Assert.Contains("interrupted", result.Reason, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1.5), $"took {stopwatch.Elapsed}");
        var child = int.Parse(await File.ReadAllTextAsync(pidFile));
        Assert.True(await TrialWorkspace.WaitUntilDeadAsync(child, TimeSpan.FromSeconds(1)), $"pid {child} survived");
    }

    [Fact]
    public async Task RunAsync_AlreadyCancelled_ReturnsInterruptedWithoutStarting()
    {
        var marker = Path.Combine(_workspace.Root, "ran");

        var result = await new LocalExecutor().RunAsync(_workspace.Request($"touch '{marker}'"), new CancellationToken(true));

        Assert.Equal(FailureKind.Interrupted, result.Failure);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task RunAsync_BackgroundChildHoldingPipes_IsKilledAndWarnedAbout()
    {
        var pidFile = Path.Combine(_workspace.Root, "daemon.pid");
        var stopwatch = Stopwatch.StartNew();

        var result = await new LocalExecutor().RunAsync(_workspace.Request(
            $"sleep 1000 & echo $! > '{pidFile}'; echo '{{\"mark\": \"first_batch\"}}' >> \"$AILAB_EVENTS\""), default);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Contains(result.Warnings, w => w.StartsWith("killed 1 process still running", StringComparison.Ordinal));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1.5), $"took {stopwatch.Elapsed}");
        var daemon = int.Parse(await File.ReadAllTextAsync(pidFile));
        Assert.True(await TrialWorkspace.WaitUntilDeadAsync(daemon, TimeSpan.FromSeconds(1)), $"pid {daemon} survived");
    }

    public void Dispose() => _workspace.Dispose();
}
