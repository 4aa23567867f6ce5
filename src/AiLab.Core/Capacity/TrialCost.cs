namespace AiLab.Core.Capacity;

/// <summary>What one stored trial cost, with what it was for: a row of the capacity ledger.</summary>
/// <param name="ExperimentId">The experiment it belongs to.</param>
/// <param name="Sequence">Its place in the experiment's schedule.</param>
/// <param name="Workflow">The workflow's name.</param>
/// <param name="Tier">What the experiment was run for.</param>
/// <param name="StartedAt">When the trial's process was started.</param>
/// <param name="IsWarmup">Warm-up trials cost capacity like any other.</param>
/// <param name="Succeeded">Whether the trial produced a measurement (failed trials cost capacity too).</param>
/// <param name="CpuSeconds">User plus system CPU time of the trial's process tree (wait4 rusage).</param>
/// <param name="WallSeconds">Spawn to the end of the main process, on CLOCK_MONOTONIC.</param>
/// <param name="GpuSeconds">GPUs the workflow holds (<c>gpus:</c>) times the wall time; 0 for CPU-only workflows.</param>
/// <param name="StoppedAfter">The mark after which the harness stopped the trial; null when it ran to its end.</param>
/// <param name="CpuAfterMarksSeconds">CPU spent after every needed mark had arrived: the tail of a trial that ran
/// to completion, or the cost of stopping one that was stopped; null when not measured.</param>
/// <param name="WallAfterMarksSeconds">Wall time after every needed mark had arrived, likewise.</param>
public sealed record TrialCost(
    string ExperimentId,
    int Sequence,
    string Workflow,
    CapacityTier Tier,
    DateTimeOffset StartedAt,
    bool IsWarmup,
    bool Succeeded,
    double CpuSeconds,
    double WallSeconds,
    double GpuSeconds,
    string? StoppedAfter,
    double? CpuAfterMarksSeconds,
    double? WallAfterMarksSeconds)
{
    /// <summary>True when the harness stopped the trial once its measurement was done.</summary>
    public bool Stopped => StoppedAfter is not null;
}
