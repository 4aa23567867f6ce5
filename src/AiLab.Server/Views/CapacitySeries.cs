using System.Globalization;
using AiLab.Core.Capacity;

namespace AiLab.Server.Views;

/// <summary>Capacity spent over time, from the capacity ledger's trial costs: CPU seconds per time bucket, one series
/// per group (a tier, or a workflow). What the capacity page charts and <c>GET /api/v1/capacity</c> returns.</summary>
/// <param name="Bucket">"hour" or "day" (UTC).</param>
/// <param name="Starts">Each bucket's start, oldest first (only buckets with spend).</param>
/// <param name="ByTier">Per tier, CPU seconds per bucket (null where the tier spent nothing).</param>
/// <param name="ByWorkflow">Per workflow, the same.</param>
public sealed record CapacitySeries(string Bucket, IReadOnlyList<DateTimeOffset> Starts,
    IReadOnlyList<CapacitySeries.Line> ByTier, IReadOnlyList<CapacitySeries.Line> ByWorkflow)
{
    /// <summary>One group's spend per bucket.</summary>
    /// <param name="Name">The tier (as ailab capacity names it) or the workflow.</param>
    /// <param name="CpuSeconds">CPU seconds per bucket, aligned with <see cref="Starts"/>; null for none.</param>
    public sealed record Line(string Name, IReadOnlyList<double?> CpuSeconds);

    /// <summary>The series of <paramref name="costs"/>: hourly when they span less than two days, else daily, so a
    /// young lab's chart has more than one point.</summary>
    public static CapacitySeries Of(IReadOnlyList<TrialCost> costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        var span = costs.Count == 0 ? TimeSpan.Zero : costs.Max(c => c.StartedAt) - costs.Min(c => c.StartedAt);
        var hourly = span < TimeSpan.FromDays(2);
        DateTimeOffset BucketOf(DateTimeOffset at)
        {
            var utc = at.UtcDateTime;
            return new DateTimeOffset(utc.Year, utc.Month, utc.Day, hourly ? utc.Hour : 0, 0, 0, TimeSpan.Zero);
        }

        var starts = costs.Select(c => BucketOf(c.StartedAt)).Distinct().Order().ToList();
        List<Line> Lines(Func<TrialCost, string> key) => [.. costs.GroupBy(key, StringComparer.Ordinal)
            .OrderByDescending(g => g.Sum(c => c.CpuSeconds))
            .Select(g =>
            {
                var sums = g.GroupBy(c => BucketOf(c.StartedAt)).ToDictionary(b => b.Key, b => b.Sum(c
                    => c.CpuSeconds));
                return new Line(g.Key, [.. starts.Select(s => sums.TryGetValue(s, out var v) ? Math.Round(v, 3)
                    : (double?)null)]);
            })];
        return new CapacitySeries(hourly ? "hour" : "day", starts, Lines(c
            => Lab.Capacity.CapacityLedger.TierName(c.Tier)),
            Lines(c => c.Workflow));
    }

    /// <summary>A bucket's label: <c>2026-12-06</c>, or <c>12-06 14h</c> hourly.</summary>
    public string Label(DateTimeOffset start) =>
        start.UtcDateTime.ToString(Bucket == "hour" ? "MM-dd HH'h'" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
