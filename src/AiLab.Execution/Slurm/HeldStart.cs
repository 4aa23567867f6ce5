using AiLab.Execution.Processes;

namespace AiLab.Execution.Slurm;

/// <summary>One block of trials (A and B side by side) submitted held and released together, so that both reach the
/// scheduler in one pass: two <c>sbatch</c> calls tens of ms apart can straddle a pass, and then one trial waits a
/// whole tick (up to a second on the test cluster) that its partner did not. Each member arrives once, with its job id
/// or without one (its submission failed, it was placed elsewhere, it never ran); the last arrival releases every
/// held job with one <c>scontrol release</c>, and each member's TTFB counts from that moment.</summary>
internal sealed class HeldStart
{
    private readonly object _gate = new();
    private readonly List<string> _jobs = [];
    private readonly int _size;
    private readonly Func<IReadOnlyList<string>, Task> _release;
    private readonly TimeProvider _timeProvider;
    private readonly Action _done;
    private readonly TaskCompletionSource<Released> _released =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    /// <param name="size">Members in the block.</param>
    /// <param name="release">Releases the held jobs (<c>scontrol release</c>); throws <see cref="SlurmException"/>
    /// when the controller refuses.</param>
    /// <param name="timeProvider">The wall clock of <see cref="Released.At"/>.</param>
    /// <param name="done">Called once every member arrived (the executor forgets the block).</param>
    public HeldStart(int size, Func<IReadOnlyList<string>, Task> release, TimeProvider timeProvider, Action done)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        _size = size;
        _release = release;
        _timeProvider = timeProvider;
        _done = done;
    }

    /// <summary>The moment the block's jobs were released, on both of the host's clocks; <see cref="Error"/> when the
    /// release failed (the jobs are still held).</summary>
    public sealed record Released(SlurmTimeline.Submit Stamp, DateTimeOffset At, string? Error);

    /// <summary>Completes once every member arrived and the held jobs were released.</summary>
    public Task<Released> Completion => _released.Task;

    /// <summary>One member's place in the block: it arrives exactly once, however its trial ends.</summary>
    public Member Join() => new(this);

    /// <summary>A trial of the block. <see cref="Arrive"/> counts once; later calls do nothing, so a trial can arrive
    /// with its job id after the submit and again (without one) on every way out.</summary>
    public sealed class Member(HeldStart block)
    {
        private int _arrived;

        /// <summary>The block this member belongs to.</summary>
        public HeldStart Block => block;

        /// <summary>Arrives with <paramref name="jobId"/> (its held job, or null when it holds none); false when it
        /// had already arrived.</summary>
        public bool Arrive(string? jobId)
        {
            if (Interlocked.Exchange(ref _arrived, 1) == 1) return false;
            block.Arrive(jobId);
            return true;
        }
    }

    private void Arrive(string? jobId)
    {
        List<string> jobs;
        lock (_gate)
        {
            if (_arrived == _size)
                throw new InvalidOperationException("every member of the block has already arrived");
            if (jobId is not null) _jobs.Add(jobId);
            if (++_arrived < _size) return;
            jobs = [.. _jobs];
        }

        _done();
        _ = ReleaseAsync(jobs);
    }

    private async Task ReleaseAsync(List<string> jobs)
    {
        // Stamped before the release: no job of the block can be scheduled earlier than this.
        var stamp = new SlurmTimeline.Submit(ClockResponder.WallNs(), MonotonicClock.NowNs());
        var at = _timeProvider.GetUtcNow();
        string? error = null;
        if (jobs.Count > 0)
        {
            try
            {
                await _release(jobs).ConfigureAwait(false);
            }
            catch (SlurmException e)
            {
                error = e.Message;
            }
        }

        _released.TrySetResult(new Released(stamp, at, error));
    }
}
