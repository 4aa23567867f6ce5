namespace AiLab.Core.Trials;

/// <summary>An executor backed by a scheduler that can say how many trials like a request would start at once
/// without waiting for each other (docs/slurm.md, "Several trials at once"). The experiment runner asks it before each
/// wave of trials; an executor without a scheduler (the local machine) does not implement it, and the runner then
/// keeps one trial in flight unless told otherwise, because local trials share the machine they are measured
/// on.</summary>
public interface ITrialCapacity
{
    /// <summary>How many trials like <paramref name="request"/> the cluster could start now (0 when it is full), or
    /// null when this request goes to no scheduler (a local trial) or the scheduler cannot say.</summary>
    Task<int?> FreeSlotsAsync(TrialRequest request, CancellationToken cancellationToken);
}
