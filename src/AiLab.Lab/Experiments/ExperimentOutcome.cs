using AiLab.Core.Experiments;

namespace AiLab.Lab.Experiments;

/// <summary>What running (or resuming) an experiment produced.</summary>
/// <param name="Experiment">The experiment as stored at the end, with status and verdict.</param>
/// <param name="Trials">Every trial stored for it, in schedule order.</param>
public sealed record ExperimentOutcome(Experiment Experiment, IReadOnlyList<TrialRecord> Trials)
{
    /// <summary>Measured (non-warm-up) trials that failed.</summary>
    public IEnumerable<TrialRecord> FailedTrials => Trials.Where(t => !t.IsWarmup && !t.Result.Succeeded);

    /// <summary>True when the workload failed: a build failed, or a measured trial failed.</summary>
    public bool WorkloadFailed => Experiment.Status == ExperimentStatus.Failed || FailedTrials.Any();
}
