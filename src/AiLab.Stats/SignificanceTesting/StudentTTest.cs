using AiLab.Stats.Estimators;
using AiLab.Stats.Validation;

namespace AiLab.Stats.SignificanceTesting;

/// <summary>Student's one-sample t-test.</summary>
public static class StudentTTest
{
    /// <summary>
    /// Tests mean(x) against <paramref name="mu"/> with n − 1 degrees of freedom ("Student", Biometrika 6 (1908) 1–25);
    /// the same numbers as R <c>t.test(x, mu = mu, alternative = alt)</c>.
    /// </summary>
    /// <remarks>
    /// Where R stops with "data are essentially constant" this returns a value instead: mean(x) = mu gives T = 0 and
    /// p = 1; otherwise T = ±∞, so p = 0 for the two-sided test and the one-sided test in the direction of the
    /// difference, and 1 for the other.
    /// </remarks>
    /// <exception cref="ArgumentException">The sample has fewer than 2 values or a non-finite value, or mu is not finite.</exception>
    public static TTestResult Run(IReadOnlyList<double> x, double mu = 0, Alternative alternative = Alternative.TwoSided)
    {
        SampleGuard.Require(x, nameof(x), minCount: 2);
        SampleGuard.RequireFinite(mu, nameof(mu));

        var n = x.Count;
        var mean = Descriptive.CompensatedSum(x) / n;
        var standardError = Math.Sqrt(Descriptive.VarianceAround(x, mean) / n);
        var scale = Math.Max(Math.Abs(mean), Math.Abs(mu));
        return TTestCore.Result(mean - mu, standardError, n - 1, scale, alternative);
    }
}
