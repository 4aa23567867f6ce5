namespace AiLab.Execution.Processes;

/// <summary>Waits for a trial's exit or its deadline, both on CLOCK_MONOTONIC (the clock its wall time is measured
/// on), so that a trial is never declared timed out before <c>spawn + timeout</c> has passed on that clock.</summary>
/// <remarks>.NET timers may fire up to a clock tick early and take at most 2^32-2 ms (about 49.7 days); the wait is
/// therefore done in chunks of at most a day, each rounded up, and the deadline re-checked on the monotonic clock
/// after every chunk.</remarks>
internal static class TrialDeadline
{
    private static readonly TimeSpan MaxChunk = TimeSpan.FromDays(1);

    /// <summary>True when the deadline passed first; false when <paramref name="exited"/> completed first.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<bool> WaitAsync(Task exited, long spawnNs, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var deadlineNs = timeout == Timeout.InfiniteTimeSpan || timeout.TotalNanoseconds >= long.MaxValue - spawnNs
            ? long.MaxValue
            : spawnNs + (long)timeout.TotalNanoseconds;
        while (true)
        {
            var remainingNs = deadlineNs - MonotonicClock.NowNs();
            if (remainingNs <= 0)
                return !exited.IsCompleted;
            // One millisecond over the remainder absorbs a timer that fires a tick early.
            var chunkMs = Math.Min(Math.Ceiling(remainingNs / 1e6) + 1, MaxChunk.TotalMilliseconds);
            var chunk = TimeSpan.FromMilliseconds(chunkMs);
            try
            {
                await exited.WaitAsync(chunk, cancellationToken).ConfigureAwait(false);
                return false;
            }
            catch (TimeoutException)
            {
                // Re-check the deadline on the monotonic clock.
            }
        }
    }
}
