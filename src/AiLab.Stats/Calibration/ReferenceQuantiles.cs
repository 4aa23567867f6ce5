using AiLab.Stats.Distributions;

namespace AiLab.Stats.Calibration;

/// <summary>Quantiles of the reference null distributions the parametric tail fit extrapolates with: Student t with
/// 2n − 2 df for Welch, t with n − 1 df for the studentized median (a simulation of normal data matches it at the 99th
/// and 99.9th percentiles for n = 10, 20, 50), the normal for Mann–Whitney.</summary>
internal static class ReferenceQuantiles
{
    /// <summary>The upper two-sided quantile q with P(|X| &gt; q) = <paramref name="twoSidedRate"/>.</summary>
    public static double TwoSided(Detector detector, int perSide, double twoSidedRate) => detector switch
    {
        Detector.WelchLogT => StudentT(1 - (twoSidedRate / 2), (2.0 * perSide) - 2),
        Detector.MedianRatioZ => StudentT(1 - (twoSidedRate / 2), perSide - 1.0),
        _ => NormalDistribution.Quantile(1 - (twoSidedRate / 2)),
    };

    /// <summary>P(|X| &gt; q) under the reference.</summary>
    public static double TwoSidedTail(Detector detector, int perSide, double q) => detector switch
    {
        Detector.WelchLogT => 2 * StudentTDistribution.Cdf(-q, (2.0 * perSide) - 2),
        Detector.MedianRatioZ => 2 * StudentTDistribution.Cdf(-q, perSide - 1.0),
        _ => 2 * NormalDistribution.Cdf(-q),
    };

    /// <summary>The Student t quantile by bisection on the CDF (monotone, so 200 halvings reach double precision).</summary>
    public static double StudentT(double p, double df)
    {
        if (p == 0.5)
        {
            return 0;
        }

        if (p < 0.5)
        {
            return -StudentT(1 - p, df);
        }

        double low = 0, high = 1;
        while (StudentTDistribution.Cdf(high, df) < p)
        {
            low = high;
            high *= 2;
        }

        for (var i = 0; i < 200 && high - low > 1e-13 * high; i++)
        {
            var middle = (low + high) / 2;
            if (StudentTDistribution.Cdf(middle, df) < p)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }
}
