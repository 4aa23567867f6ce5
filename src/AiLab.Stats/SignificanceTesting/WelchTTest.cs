using AiLab.Stats.Estimators;
using AiLab.Stats.Validation;

namespace AiLab.Stats.SignificanceTesting;

/// <summary>Welch's unequal-variances two-sample t-test.</summary>
public static class WelchTTest
{
    /// <summary>
    /// Tests mean(x) − mean(y) against <paramref name="mu"/> without assuming equal variances, with the
    /// Welch–Satterthwaite degrees of freedom (B. L. Welch, Biometrika 34 (1947) 28–35; F. E. Satterthwaite,
    /// Biometrics Bulletin 2 (1946) 110–114); the same numbers as R <c>t.test(x, y, mu = mu, alternative = alt,
    /// var.equal = FALSE)</c>.
    /// </summary>
    /// <remarks>
    /// Where R stops with "data are essentially constant" (both variances zero, or below rounding) this returns a
    /// value instead: equal means give T = 0 and p = 1 whatever the alternative; different means give T = ±∞, so
    /// p = 0 for the two-sided test and for the one-sided test in the direction of the difference, and 1 for the
    /// other. The degrees of freedom, undefined (0/0) there, are reported as n_x + n_y − 2.
    /// </remarks>
    /// <exception cref="ArgumentException">A sample has fewer than 2 values or a non-finite value, or mu is not finite.</exception>
    public static TTestResult Run(IReadOnlyList<double> x, IReadOnlyList<double> y, double mu = 0, Alternative alternative = Alternative.TwoSided)
    {
        SampleGuard.Require(x, nameof(x), minCount: 2);
        SampleGuard.Require(y, nameof(y), minCount: 2);
        SampleGuard.RequireFinite(mu, nameof(mu));

        int nx = x.Count, ny = y.Count;
        var meanX = Descriptive.CompensatedSum(x) / nx;
        var meanY = Descriptive.CompensatedSum(y) / ny;
        var squaredErrorX = Descriptive.VarianceAround(x, meanX) / nx;
        var squaredErrorY = Descriptive.VarianceAround(y, meanY) / ny;
        var squaredError = squaredErrorX + squaredErrorY;

        var denominator = (squaredErrorX * squaredErrorX / (nx - 1)) + (squaredErrorY * squaredErrorY / (ny - 1));
        var df = denominator > 0 ? squaredError * squaredError / denominator : nx + ny - 2;

        var scale = Math.Max(Math.Max(Math.Abs(meanX), Math.Abs(meanY)), Math.Abs(mu));
        return TTestCore.Result(meanX - meanY - mu, Math.Sqrt(squaredError), df, scale, alternative);
    }
}
