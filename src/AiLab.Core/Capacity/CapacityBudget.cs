namespace AiLab.Core.Capacity;

/// <summary>What the owner lets the lab spend per period (<c>capacity:</c> in ailab.yaml, docs/capacity.md).</summary>
/// <param name="CpuHours">CPU hours per period; null for no CPU budget.</param>
/// <param name="GpuHours">GPU hours per period; null for no GPU budget.</param>
/// <param name="Period">The window a budget covers, counted back from now (a day, a week, 30 days).</param>
/// <param name="PeriodName">How the file named the period (<c>day</c>, <c>week</c>, <c>month</c>).</param>
public sealed record CapacityBudget(double? CpuHours, double? GpuHours, TimeSpan Period, string PeriodName)
{
    /// <summary>The periods <c>per:</c> accepts, and their lengths.</summary>
    public static readonly IReadOnlyDictionary<string, TimeSpan> Periods = new Dictionary<string, TimeSpan>
    {
        ["day"] = TimeSpan.FromDays(1),
        ["week"] = TimeSpan.FromDays(7),
        ["month"] = TimeSpan.FromDays(30),
    };
}
