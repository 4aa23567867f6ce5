namespace AiLab.Stats.ChangePoints;

/// <summary>Settings of <see cref="Pelt"/>.</summary>
public sealed record PeltOptions
{
    /// <summary>Perfolizer's ED-PELT: empirical-distribution cost, penalty 3 ln n, segments of at least 20.</summary>
    public static PeltOptions EdPelt { get; } = new() { Cost = PeltCost.EmpiricalDistribution, MinSegmentLength = 20 };

    /// <summary>The segment cost.</summary>
    public PeltCost Cost { get; init; } = PeltCost.NormalMeanVariance;

    /// <summary>The cost of one more change point; null takes 3 ln n for either cost (see <see cref="Pelt"/>).</summary>
    public double? Penalty { get; init; }

    /// <summary>The fewest values a segment may have (Perfolizer's minDistance); at least 2 for the normal cost.</summary>
    public int MinSegmentLength { get; init; } = 5;

    /// <summary>Throws on settings the algorithm cannot run with.</summary>
    internal void Validate()
    {
        if (!Enum.IsDefined(Cost))
        {
            throw new ArgumentOutOfRangeException(nameof(Cost), Cost, "Unknown cost.");
        }

        var fewest = Cost == PeltCost.NormalMeanVariance ? 2 : 1;
        if (MinSegmentLength < fewest)
        {
            throw new ArgumentOutOfRangeException(nameof(MinSegmentLength), MinSegmentLength, $"A segment needs at least {fewest} values for this cost.");
        }

        if (Penalty is { } penalty && !(penalty >= 0 && double.IsFinite(penalty)))
        {
            throw new ArgumentOutOfRangeException(nameof(Penalty), penalty, "The penalty must be finite and ≥ 0.");
        }
    }
}
