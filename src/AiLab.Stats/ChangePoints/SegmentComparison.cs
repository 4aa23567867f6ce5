using AiLab.Stats.Distributions;

namespace AiLab.Stats.ChangePoints;

/// <summary>
/// The two segments either side of a change point compared as Otava's <c>TTestSignificanceTester</c> does: means,
/// population (ddof = 0) standard deviations, and the pooled-variance Student t-test built from them
/// (scipy <c>ttest_ind_from_stats(..., equal_var=True)</c>, two-sided).
/// </summary>
internal readonly record struct SegmentComparison(double Mean1, double Mean2, double Std1, double Std2, double PValue)
{
    /// <summary>
    /// Compares <c>series[leftStart..index)</c> with <c>series[index..rightStop)</c>; with
    /// <paramref name="serialCorrelation"/> the t-test allows for lag-1 autocorrelation within the segments.
    /// </summary>
    public static SegmentComparison Of(
        ReadOnlySpan<double> series, int leftStart, int index, int rightStop, bool serialCorrelation = false, bool bartlettGate = false)
    {
        var left = series[leftStart..index];
        var right = series[index..rightStop];
        var (mean1, std1) = MeanAndStd(left);
        var (mean2, std2) = MeanAndStd(right);
        var df = left.Length + right.Length - 2;
        if (df <= 0)
        {
            // Two points give no idea of how different "different" is: Otava leaves p at 1 below 3 points.
            return new SegmentComparison(mean1, mean2, std1, std2, 1.0);
        }

        var inflation = serialCorrelation ? VarianceInflation(left, mean1, right, mean2, bartlettGate) : 1.0;
        var p = StudentPValue(mean1, std1, left.Length, mean2, std2, right.Length, df, inflation);
        return new SegmentComparison(mean1, mean2, std1, std2, p);
    }

    /// <summary>
    /// (1 + ρ)/(1 − ρ), the factor by which lag-1 autocorrelation ρ inflates the variance of a mean (the AR(1) long-run
    /// variance; e.g. Wilks, "Statistical Methods in the Atmospheric Sciences", §5.2.4), with ρ estimated from the
    /// residuals of both segments around their own means and clipped to [0, 0.9].
    /// </summary>
    /// <remarks>
    /// With <paramref name="bartlettGate"/>, ρ counts only beyond 2/√n, the 95% band of the lag-1 autocorrelation of
    /// n independent values (Bartlett 1946): from the 6–10 values of a short history ρ̂ is mostly noise, and an
    /// inflation of up to 19 from it hides every step.
    /// Why: a history that wanders (machines warm up, caches fill, a shared host gets busy) is not a sequence of
    /// independent draws, and a plain t-test then sees a "significant" step at almost every split of it.
    /// </remarks>
    private static double VarianceInflation(
        ReadOnlySpan<double> left, double mean1, ReadOnlySpan<double> right, double mean2, bool bartlettGate)
    {
        var (lagged1, squares1) = LagOneSums(left, mean1);
        var (lagged2, squares2) = LagOneSums(right, mean2);
        var squares = squares1 + squares2;
        if (squares <= 0)
        {
            return 1.0;
        }

        var rho = Math.Clamp((lagged1 + lagged2) / squares, 0.0, MaxAutocorrelation);
        if (bartlettGate && rho <= 2 / Math.Sqrt(left.Length + right.Length))
        {
            return 1.0;
        }
        return (1 + rho) / (1 - rho);
    }

    private const double MaxAutocorrelation = 0.9;

    private static (double Lagged, double Squares) LagOneSums(ReadOnlySpan<double> values, double mean)
    {
        var lagged = 0.0;
        var squares = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            var r = values[i] - mean;
            squares += r * r;
            if (i > 0)
            {
                lagged += r * (values[i - 1] - mean);
            }
        }

        return (lagged, squares);
    }

    /// <summary>Otava's change magnitude: the larger of |after/before − 1| and |before/after − 1| (a zero mean counts as 0).</summary>
    public double Magnitude => Math.Max(Math.Abs(Mean1 == 0 ? 0 : (Mean2 / Mean1) - 1), Math.Abs(Mean2 == 0 ? 0 : (Mean1 / Mean2) - 1));

    private static double StudentPValue(double mean1, double std1, int n1, double mean2, double std2, int n2, int df, double inflation)
    {
        // The ddof = 0 deviations go into the pooled formula as if they were ddof = 1 ones, as Otava passes them.
        var pooled = (((n1 - 1) * (std1 * std1)) + ((n2 - 1) * (std2 * std2))) / df;
        var denominator = Math.Sqrt(pooled * ((1.0 / n1) + (1.0 / n2)));
        var degrees = (double)df;
        if (inflation != 1.0)
        {
            // Autocorrelated values carry fewer independent observations: widen the error and shrink the df alike.
            denominator *= Math.Sqrt(inflation);
            degrees = Math.Max(1, ((n1 + n2) / inflation) - 2);
        }

        var t = (mean1 - mean2) / denominator;
        if (double.IsNaN(t))
        {
            // 0/0 (two constant, equal segments): scipy returns NaN, which never passes a p-value threshold.
            return double.NaN;
        }

        return 2 * StudentTDistribution.Cdf(-Math.Abs(t), degrees);
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
