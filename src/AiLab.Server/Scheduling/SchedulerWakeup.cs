namespace AiLab.Server.Scheduling;

/// <summary>Wakes the scheduler before its poll interval ends: the webhook queued work that should start now.</summary>
public sealed class SchedulerWakeup
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Asks the scheduler to poll and claim now (repeated calls before it wakes count once).</summary>
    public void Wake()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { /* already signalled */ }
    }

    /// <summary>Completes when woken, or when <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _signal.WaitAsync(cancellationToken);
}
