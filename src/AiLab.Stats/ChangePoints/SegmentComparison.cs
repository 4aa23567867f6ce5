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
        ReadOnlySpan<double> series, int leftStart, int index, int rightStop, bool serialCorrelation = false, bool bartlettGate = false,
        bool stepTolerant = false) =>
        WithInflation(
            series, leftStart, index, rightStop,
            serialCorrelation ? InflationOf(series, leftStart, index, rightStop, bartlettGate, stepTolerant) : 1.0);

    /// <summary>The variance inflation that serial correlation within the two segments implies (1 when none).</summary>
    public static double InflationOf(
        ReadOnlySpan<double> series, int leftStart, int index, int rightStop, bool bartlettGate, bool stepTolerant)
    {
        var left = series[leftStart..index];
        var right = series[index..rightStop];
        return left.Length + right.Length <= 2
            ? 1.0
            : VarianceInflation(left, Mean(left), right, Mean(right), bartlettGate, stepTolerant);
    }

    /// <summary>As <see cref="Of"/>, with the variance inflation given (estimated elsewhere, e.g. on the untrimmed
    /// segments).</summary>
    public static SegmentComparison WithInflation(
        ReadOnlySpan<double> series, int leftStart, int index, int rightStop, double inflation)
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
    /// inflation of up to 19 from it hides every step. With <paramref name="stepTolerant"/>, each segment's residuals
    /// are taken around its best two-level fit rather than its mean: a step that the search has not (or no longer)
    /// separated then does not pass for autocorrelation, which would otherwise hide it and, once its neighbour is
    /// merged away, the next one too; a wandering series cannot be fitted by one step and keeps its ρ.
    /// Why: a history that wanders (machines warm up, caches fill, a shared host gets busy) is not a sequence of
    /// independent draws, and a plain t-test then sees a "significant" step at almost every split of it.
    /// </remarks>
    private static double VarianceInflation(
        ReadOnlySpan<double> left, double mean1, ReadOnlySpan<double> right, double mean2, bool bartlettGate, bool stepTolerant)
    {
        var (lagged1, squares1) = stepTolerant ? StepTolerantLagOneSums(left) : LagOneSums(left, mean1);
        var (lagged2, squares2) = stepTolerant ? StepTolerantLagOneSums(right) : LagOneSums(right, mean2);
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

    // The lag-1 sums of the residuals around the least-squares two-level fit (each level ≥ 3 values; the plain mean
    // when the segment is shorter than 6).
    private static (double Lagged, double Squares) StepTolerantLagOneSums(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        var total = 0.0;
        foreach (var v in values)
        {
            total += v;
        }

        if (n < 6)
        {
            return LagOneSums(values, total / n);
        }

        // The split that maximises the between-level sum of squares minimises the within-level one.
        var (bestSplit, bestGain, prefix) = (0, double.NegativeInfinity, 0.0);
        for (var s = 1; s < n; s++)
        {
            prefix += values[s - 1];
            if (s < 3 || n - s < 3)
            {
                continue;
            }

            var difference = (prefix / s) - ((total - prefix) / (n - s));
            var gain = (double)s * (n - s) / n * difference * difference;
            if (gain > bestGain)
            {
                (bestSplit, bestGain) = (s, gain);
            }
        }

        var (lagged1, squares1) = LagOneSums(values[..bestSplit], Mean(values[..bestSplit]));
        var (lagged2, squares2) = LagOneSums(values[bestSplit..], Mean(values[bestSplit..]));
        return (lagged1 + lagged2, squares1 + squares2);
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Length;
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
