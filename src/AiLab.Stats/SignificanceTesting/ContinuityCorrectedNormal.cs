using AiLab.Stats.Distributions;

namespace AiLab.Stats.SignificanceTesting;

/// <summary>The normal approximation of a rank statistic with a 0.5 continuity correction toward its mean, as R's
/// <c>wilcox.test</c> and scipy use for Mann–Whitney's U and Wilcoxon's V.</summary>
internal static class ContinuityCorrectedNormal
{
    /// <summary>The p-value of a statistic <paramref name="centred"/> away from its mean, with standard deviation
    /// <paramref name="sigma"/> (1 when the statistic cannot vary).</summary>
    public static double PValue(double centred, double sigma, Alternative alternative)
    {
        if (!(sigma > 0)) return 1;
        var correction = alternative switch
        {
            Alternative.Greater => 0.5,
            Alternative.Less => -0.5,
            _ => Math.Sign(centred) * 0.5,
        };
        var z = (centred - correction) / sigma;
        return alternative switch
        {
            Alternative.Greater => NormalDistribution.Cdf(-z),
            Alternative.Less => NormalDistribution.Cdf(z),
            _ => Math.Min(1, 2 * NormalDistribution.Cdf(-Math.Abs(z))),
        };
    }
}
