using AiLab.Execution.Processes;

namespace AiLab.Execution.Tests.Processes;

public sealed class TrialDeadlineTests
{
    [Fact]
    public async Task WaitAsync_TimeoutLongerThanATimerCanTake_WaitsForTheExitWithoutThrowing()
    {
        // 60 days is past the 2^32-2 ms a .NET timer accepts: a single WaitAsync(timeout) throws.
        var exited = Task.Delay(50);

        var timedOut = await TrialDeadline.WaitAsync(exited, MonotonicClock.NowNs(), TimeSpan.FromDays(60), default);

        Assert.False(timedOut);
    }

    [Fact]
    public async Task WaitAsync_DeadlinePasses_NeverReturnsBeforeItOnTheMonotonicClock()
    {
        for (var i = 0; i < 20; i++)
        {
            var spawnNs = MonotonicClock.NowNs();

            var timedOut = await TrialDeadline.WaitAsync(new TaskCompletionSource().Task, spawnNs,
                TimeSpan.FromMilliseconds(15), default);

            var elapsedMs = MonotonicClock.ElapsedMs(spawnNs, MonotonicClock.NowNs());
            Assert.True(timedOut);
            Assert.True(elapsedMs >= 15, $"returned after {elapsedMs} ms, before the 15 ms deadline");
        }
    }

    [Fact]
    public async Task WaitAsync_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        var wait = TrialDeadline.WaitAsync(new TaskCompletionSource().Task, MonotonicClock.NowNs(),
            TimeSpan.FromHours(1), cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}
