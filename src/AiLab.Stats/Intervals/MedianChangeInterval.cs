namespace AiLab.Stats.Intervals;

/// <summary>The change of the median from baseline to candidate, as a ratio and as a difference, each with an interval.</summary>
/// <param name="Ratio">median(candidate) / median(baseline); NaN when the baseline has a value ≤ 0.</param>
/// <param name="RatioLow">Lower bound of the ratio's interval.</param>
/// <param name="RatioHigh">Upper bound of the ratio's interval.</param>
/// <param name="Difference">median(candidate) − median(baseline).</param>
/// <param name="DifferenceLow">Lower bound of the difference's interval.</param>
/// <param name="DifferenceHigh">Upper bound of the difference's interval.</param>
public sealed record MedianChangeInterval(
    double Ratio,
    double RatioLow,
    double RatioHigh,
    double Difference,
    double DifferenceLow,
    double DifferenceHigh);
