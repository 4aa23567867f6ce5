namespace AiLab.Execution.Probes;

/// <summary>Notices the moment every mark a trial needs has arrived (from the events file or the fallback pattern),
/// so that the executor can stop the workload as soon as its measurement is done.</summary>
/// <remarks>Marks are fed from the events reader's and the output pump's threads. The completion callback runs
/// once, under the watch's lock, on the thread that delivered the last needed mark: the executor reads the tree's
/// CPU there, before the leader can be reaped, and <see cref="Close"/> (called before the reap) guarantees no read
/// happens afterwards, when the pid could belong to another process.</remarks>
internal sealed class MarkWatch
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _missing;
    private readonly Action<long>? _onComplete;
    private readonly TaskCompletionSource<long> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _closed;

    /// <summary>Watches for <paramref name="needed"/>; with none, <see cref="Completed"/> never completes.</summary>
    public MarkWatch(IReadOnlyCollection<string>? needed, Action<long>? onComplete = null)
    {
        _missing = new HashSet<string>(needed ?? [], StringComparer.Ordinal);
        IsWatching = _missing.Count > 0;
        _onComplete = onComplete;
    }

    /// <summary>True when there are marks to wait for.</summary>
    public bool IsWatching { get; }

    /// <summary>Completes with the CLOCK_MONOTONIC receipt time of the last needed mark.</summary>
    public Task<long> Completed => _completed.Task;

    /// <summary>The needed mark that arrived last, once <see cref="Completed"/> has completed.</summary>
    public string? LastMark { get; private set; }

    /// <summary>Records that <paramref name="mark"/> arrived at <paramref name="receivedNs"/>.</summary>
    public void Seen(string mark, long receivedNs)
    {
        lock (_gate)
        {
            if (_closed || !_missing.Remove(mark) || _missing.Count > 0)
                return;
            LastMark = mark;
            _onComplete?.Invoke(receivedNs);
            _completed.TrySetResult(receivedNs);
        }
    }

    /// <summary>Ignores every mark from now on (called before the trial's leader is reaped).</summary>
    public void Close()
    {
        lock (_gate)
            _closed = true;
    }
}
