using AiLab.Core.Capacity;

namespace AiLab.Lab.Capacity;

/// <summary>How much of the owner's budget the lab spent in the budget's current period.</summary>
/// <param name="Budget">The budget from ailab.yaml.</param>
/// <param name="From">Start of the period (now minus its length).</param>
/// <param name="CpuHours">CPU hours spent since <paramref name="From"/>.</param>
/// <param name="GpuHours">GPU hours spent since <paramref name="From"/>.</param>
public sealed record BudgetUse(CapacityBudget Budget, DateTimeOffset From, double CpuHours, double GpuHours)
{
    /// <summary>CPU hours spent over the CPU budget (1 = all of it); null without a CPU budget.</summary>
    public double? CpuFraction => Budget.CpuHours is { } cap ? CpuHours / cap : null;

    /// <summary>GPU hours spent over the GPU budget; null without a GPU budget.</summary>
    public double? GpuFraction => Budget.GpuHours is { } cap ? GpuHours / cap : null;
}
