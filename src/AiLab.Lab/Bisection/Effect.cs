using AiLab.Core.Verdicts;

namespace AiLab.Lab.Bisection;

/// <summary>A measured change of one metric between two commits: the difference of medians (B − A, in the metric's
/// unit) and its confidence interval.</summary>
public sealed record Effect(double Diff, double Low, double High)
{
    /// <summary>The effect a comparison measured for one metric.</summary>
    public static Effect Of(MetricComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return new Effect(comparison.Diff, comparison.CiDiff[0], comparison.CiDiff[1]);
    }

    /// <summary>True when the two intervals share a point.</summary>
    public bool Overlaps(Effect other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return !(double.IsNaN(Low) || double.IsNaN(other.Low)) && Low <= other.High && other.Low <= High;
    }
}
