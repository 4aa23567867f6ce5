using AiLab.Core.Trials;

namespace AiLab.Lab.Experiments.Scheduling;

/// <summary>Runs one wave's trials at once and hands each result over the moment its trial ends, one at a time and on
/// the caller's flow (so storing them needs no lock); returns the wave's results in schedule order, which is the
/// order every decision is taken in.</summary>
public static class WaveDispatcher
{
    /// <summary>Starts every slot of <paramref name="wave"/> with <paramref name="start"/>, calls <paramref
    /// name="completed"/> for each as it ends, and returns them all in schedule order. A trial that throws (a bug)
    /// is rethrown only after every other trial of the wave ended and was handed over, so nothing measured is lost;
    /// once <paramref name="completed"/> throws (a lost lease), nothing more is handed over.</summary>
    public static async Task<IReadOnlyList<(ScheduledTrial Slot, TrialResult Result)>> RunAsync(
        IReadOnlyList<ScheduledTrial> wave,
        Func<ScheduledTrial, Task<TrialResult>> start,
        Func<ScheduledTrial, TrialResult, Task> completed)
    {
        ArgumentNullException.ThrowIfNull(wave);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(completed);
        var running = new Dictionary<Task<TrialResult>, ScheduledTrial>();
        foreach (var slot in wave)
            running[Start(start, slot)] = slot;
        var results = new List<(ScheduledTrial Slot, TrialResult Result)>();
        Exception? failed = null, handOver = null;
        while (running.Count > 0)
        {
            var done = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            var slot = running[done];
            running.Remove(done);
            TrialResult result;
            try
            {
                result = await done.ConfigureAwait(false);
            }
            catch (Exception e)
            {
                failed ??= e;
                continue;
            }

            results.Add((slot, result));
            // Once a hand-over failed (the lease was lost), nothing more is written; the others still end.
            if (handOver is not null) continue;
            try
            {
                await completed(slot, result).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                handOver = e;
            }
        }

        if ((handOver ?? failed) is { } error)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        results.Sort((x, y) => x.Slot.Sequence.CompareTo(y.Slot.Sequence));
        return results;
    }

    // A start that throws synchronously becomes a faulted task like any other, so the others still end.
    private static Task<TrialResult> Start(Func<ScheduledTrial, Task<TrialResult>> start, ScheduledTrial slot)
    {
        try
        {
            return start(slot);
        }
        catch (Exception e)
        {
            return Task.FromException<TrialResult>(e);
        }
    }
}
