namespace AiLab.Lab.Experiments;

/// <summary>Extra trials run between an experiment's measured trials (the profiled trials of <c>ab --profile</c>),
/// so that they see the machine the measured ones saw. They are never stored as the experiment's trials: no verdict
/// sees them.</summary>
public interface IInterleavedTrials
{
    /// <summary>Called after each measured (not warm-up) trial is stored, with how many of the schedule's measured
    /// trials are stored and how many it holds. Must not throw: a failure of the extra trials is theirs to report,
    /// never the experiment's; on cancellation it returns, and the runner stops as interrupted.</summary>
    /// <param name="measuredDone">Measured trials stored so far.</param>
    /// <param name="measuredTotal">Measured trials in the schedule (it grows when an experiment is extended).</param>
    /// <param name="cancellationToken">The run's token.</param>
    Task AfterMeasuredTrialAsync(int measuredDone, int measuredTotal, CancellationToken cancellationToken);
}
