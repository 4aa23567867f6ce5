namespace AiLab.Lab.Capacity;

/// <summary>What a group of trials (a tier, a workflow, an experiment, or all) cost, and what stopping saved.</summary>
/// <param name="Key">The group: a tier's name, a workflow's name, an experiment id, or <c>total</c>.</param>
/// <param name="Experiments">Distinct experiments among the trials.</param>
/// <param name="Trials">Trials run, warm-ups and failures included: all of them cost capacity.</param>
/// <param name="FailedTrials">Of which failed.</param>
/// <param name="CpuSeconds">User plus system CPU seconds.</param>
/// <param name="WallSeconds">Wall seconds, summed over trials.</param>
/// <param name="GpuSeconds">GPU seconds held.</param>
/// <param name="Saved">What stopping after the marks saved, and how that was estimated.</param>
public sealed record CapacitySpend(
    string Key, int Experiments, int Trials, int FailedTrials, double CpuSeconds, double WallSeconds,
    double GpuSeconds, StopSavingsEstimate Saved);
