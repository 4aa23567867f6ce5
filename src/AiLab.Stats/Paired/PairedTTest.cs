using AiLab.Stats.Calibration;
using AiLab.Stats.Estimators;
using AiLab.Stats.SignificanceTesting;
using AiLab.Stats.Validation;

namespace AiLab.Stats.Paired;

/// <summary>Student's paired t-test: the one-sample t-test of the pairwise differences against 0.</summary>
public static class PairedTTest
{
    /// <summary>
    /// Tests whether the mean of <c>y[i] − x[i]</c> is 0 with n − 1 degrees of freedom ("Student", Biometrika 6
    /// (1908) 1–25; the paired design as in Snedecor &amp; Cochran, Statistical Methods, 8th ed., §5.9), with the
    /// interval mean ± t(1 − (1 − confidence)/2, n − 1)·sd/√n. The same numbers as scipy's
    /// <c>ttest_rel(y, x)</c> and R's <c>t.test(y, x, paired = TRUE)</c>.
    /// </summary>
    /// <remarks>Pairing removes what the two members of a pair share (a noise both felt, such as the scheduler pass
    /// they waited for together) from the comparison: only the variance of the differences counts.</remarks>
    /// <exception cref="ArgumentException">Fewer than 2 pairs, samples of different lengths, a non-finite value, or a
    /// confidence outside (0, 1).</exception>
    public static PairedTTestResult Run(IReadOnlyList<double> x, IReadOnlyList<double> y, double confidence = 0.95)
    {
        var d = Differences(x, y, minPairs: 2);
        SampleGuard.RequireProbability(confidence, nameof(confidence));
        var t = StudentTTest.Run(d);
        var n = d.Length;
        var mean = Descriptive.CompensatedSum(d) / n;
        var se = Math.Sqrt(Descriptive.VarianceAround(d, mean) / n);
        var q = ReferenceQuantiles.StudentT(1 - ((1 - confidence) / 2), n - 1);
        return new PairedTTestResult(n, mean, t.T, t.DegreesOfFreedom, t.PValue, mean - (q * se), mean + (q * se));
    }

    /// <summary><c>y[i] − x[i]</c>, after checking both samples.</summary>
    internal static double[] Differences(IReadOnlyList<double> x, IReadOnlyList<double> y, int minPairs)
    {
        SampleGuard.Require(x, nameof(x), minPairs);
        SampleGuard.Require(y, nameof(y), minPairs);
        if (x.Count != y.Count)
            throw new ArgumentException($"paired samples need the same length, got {x.Count} and {y.Count}", nameof(y));
        return Enumerable.Range(0, x.Count).Select(i => y[i] - x[i]).ToArray();
    }
}
