using AiLab.Stats.Distributions;

namespace AiLab.Stats.ChangePoints;

/// <summary>
/// The two segments either side of a change point compared as Otava's <c>TTestSignificanceTester</c> does: means,
/// population (ddof = 0) standard deviations, and the pooled-variance Student t-test built from them
/// (scipy <c>ttest_ind_from_stats(..., equal_var=True)</c>, two-sided).
/// </summary>
internal readonly record struct SegmentComparison(double Mean1, double Mean2, double Std1, double Std2, double PValue)
{
    /// <summary>Compares <c>series[leftStart..index)</c> with <c>series[index..rightStop)</c>.</summary>
    public static SegmentComparison Of(ReadOnlySpan<double> series, int leftStart, int index, int rightStop)
    {
        var left = series[leftStart..index];
        var right = series[index..rightStop];
        var (mean1, std1) = MeanAndStd(left);
        var (mean2, std2) = MeanAndStd(right);
        var df = left.Length + right.Length - 2;

        // Two points give no idea of how different "different" is: Otava leaves p at 1 below 3 points.
        var p = df > 0 ? StudentPValue(mean1, std1, left.Length, mean2, std2, right.Length, df) : 1.0;
        return new SegmentComparison(mean1, mean2, std1, std2, p);
    }

    /// <summary>Otava's change magnitude: the larger of |after/before − 1| and |before/after − 1| (a zero mean counts as 0).</summary>
    public double Magnitude => Math.Max(Math.Abs(Mean1 == 0 ? 0 : (Mean2 / Mean1) - 1), Math.Abs(Mean2 == 0 ? 0 : (Mean1 / Mean2) - 1));

    private static double StudentPValue(double mean1, double std1, int n1, double mean2, double std2, int n2, int df)
    {
        // The ddof = 0 deviations go into the pooled formula as if they were ddof = 1 ones, as Otava passes them.
        var pooled = (((n1 - 1) * (std1 * std1)) + ((n2 - 1) * (std2 * std2))) / df;
        var denominator = Math.Sqrt(pooled * ((1.0 / n1) + (1.0 / n2)));
        var t = (mean1 - mean2) / denominator;
        if (double.IsNaN(t))
        {
            // 0/0 (two constant, equal segments): scipy returns NaN, which never passes a p-value threshold.
            return double.NaN;
        }

        return 2 * StudentTDistribution.Cdf(-Math.Abs(t), df);
    }

    private static (double Mean, double Std) MeanAndStd(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        var mean = sum / values.Length;
        if (values.Length < 2)
        {
            return (mean, 0);
        }

        var squares = 0.0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        return (mean, Math.Sqrt(squares / values.Length));
    }
}
