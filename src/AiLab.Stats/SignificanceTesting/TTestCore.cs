using AiLab.Stats.Distributions;

namespace AiLab.Stats.SignificanceTesting;

/// <summary>What the one- and two-sample t-tests share: the p-value from t, and the constant-data rule.</summary>
internal static class TTestCore
{
    // R's .Machine$double.eps; .NET's double.Epsilon is the smallest subnormal instead.
    private const double MachineEpsilon = 2.2204460492503131e-16;

    /// <summary>
    /// The result for a standardised difference <paramref name="delta"/>/<paramref name="standardError"/>; when the
    /// standard error is zero or "essentially constant" by R's rule (se &lt; 10·ε·scale, where R's t.test stops with an
    /// error) the result is T = 0 and p = 1 for equal means, or T = ±∞ (p = 0 or 1 by direction) for different means.
    /// </summary>
    public static TTestResult Result(double delta, double standardError, double df, double scale, Alternative alternative)
    {
        if (!Enum.IsDefined(alternative))
        {
            throw new ArgumentOutOfRangeException(nameof(alternative), alternative, "Unknown alternative.");
        }

        var tolerance = 10 * MachineEpsilon * scale;
        if (standardError == 0 || standardError < tolerance)
        {
            if (Math.Abs(delta) <= tolerance)
            {
                return new TTestResult(0, df, 1);
            }

            var infiniteT = delta > 0 ? double.PositiveInfinity : double.NegativeInfinity;
            return new TTestResult(infiniteT, df, PValue(infiniteT, df, alternative));
        }

        var t = delta / standardError;
        return new TTestResult(t, df, PValue(t, df, alternative));
    }

    /// <summary>The p-value of t under the alternative, taking each tail directly so small p-values stay accurate.</summary>
    public static double PValue(double t, double df, Alternative alternative) => alternative switch
    {
        Alternative.Greater => StudentTDistribution.Cdf(-t, df),
        Alternative.Less => StudentTDistribution.Cdf(t, df),
        Alternative.TwoSided => Math.Min(1, 2 * StudentTDistribution.Cdf(-Math.Abs(t), df)),
        _ => throw new ArgumentOutOfRangeException(nameof(alternative), alternative, "Unknown alternative."),
    };
}
