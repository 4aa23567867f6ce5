namespace AiLab.Lab.Capacity;

/// <summary>What the lab spent since a moment, per tier, per workflow and per experiment, and the budget's use.</summary>
/// <param name="Since">Start of the window; null for everything stored.</param>
/// <param name="Total">Every trial in the window.</param>
/// <param name="ByTier">Per tier, in the order of <see cref="Core.Capacity.CapacityTier"/>; tiers with no trial left out.</param>
/// <param name="ByWorkflow">Per workflow, most CPU first.</param>
/// <param name="ByExperiment">Per experiment, newest first.</param>
/// <param name="Budget">The budget's use in its current period; null when ailab.yaml sets none.</param>
public sealed record CapacityReport(
    DateTimeOffset? Since,
    CapacitySpend Total,
    IReadOnlyList<CapacitySpend> ByTier,
    IReadOnlyList<CapacitySpend> ByWorkflow,
    IReadOnlyList<CapacitySpend> ByExperiment,
    BudgetUse? Budget);
