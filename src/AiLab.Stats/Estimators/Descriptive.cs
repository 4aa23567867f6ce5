using AiLab.Stats.Validation;

namespace AiLab.Stats.Estimators;

/// <summary>Point estimates of location and scale for one sample.</summary>
public static class Descriptive
{
    /// <summary>The arithmetic mean, summed with Kahan–Babuška (Neumaier 1974) compensation.</summary>
    public static double Mean(IReadOnlyList<double> sample)
    {
        SampleGuard.Require(sample, nameof(sample));
        return CompensatedSum(sample) / sample.Count;
    }

    /// <summary>The sample median: the middle order statistic, or the mean of the two middle ones (R <c>median</c>).</summary>
    public static double Median(IReadOnlyList<double> sample)
    {
        SampleGuard.Require(sample, nameof(sample));
        var copy = sample.ToArray();
        return Selection.MedianInPlace(copy);
    }

    /// <summary>
    /// The unbiased sample variance Σ(xᵢ − x̄)²/(n − 1) (R <c>var</c>), by the two-pass algorithm
    /// (Chan, Golub &amp; LeVeque, "Algorithms for computing the sample variance", 1983). Needs n ≥ 2.
    /// </summary>
    public static double Variance(IReadOnlyList<double> sample)
    {
        SampleGuard.Require(sample, nameof(sample), minCount: 2);
        return VarianceAround(sample, CompensatedSum(sample) / sample.Count);
    }

    /// <summary>The sample standard deviation √<see cref="Variance"/> (R <c>sd</c>). Needs n ≥ 2.</summary>
    public static double StdDev(IReadOnlyList<double> sample) => Math.Sqrt(Variance(sample));

    /// <summary>
    /// The p-quantile by linear interpolation between order statistics, Hyndman &amp; Fan (1996) definition 7
    /// (R <c>quantile(type = 7)</c>, the default; numpy <c>percentile</c> 'linear').
    /// </summary>
    public static double Quantile(IReadOnlyList<double> sample, double p)
    {
        SampleGuard.Require(sample, nameof(sample));
        SampleGuard.RequireProbability(p, nameof(p));
        var sorted = sample.ToArray();
        Array.Sort(sorted);
        return QuantileOfSorted(sorted, p);
    }

    /// <summary>Hyndman–Fan type 7 on an already sorted span (no validation; for callers that sort once).</summary>
    internal static double QuantileOfSorted(ReadOnlySpan<double> sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        if (lo >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        var fraction = h - lo;
        return fraction == 0 ? sorted[lo] : sorted[lo] + (fraction * (sorted[lo + 1] - sorted[lo]));
    }

    /// <summary>Σ(xᵢ − mean)²/(n − 1); the caller has validated the sample.</summary>
    internal static double VarianceAround(IReadOnlyList<double> sample, double mean)
    {
        var sumSquares = 0.0;
        var sumDeviations = 0.0;
        for (var i = 0; i < sample.Count; i++)
        {
            var deviation = sample[i] - mean;
            sumSquares += deviation * deviation;
            sumDeviations += deviation;
        }

        // The second term is Chan–Golub–LeVeque's correction for the rounding error left in the mean; it can
        // overshoot by an ulp on constant data, hence the clamp.
        var n = sample.Count;
        return Math.Max(0, sumSquares - (sumDeviations * sumDeviations / n)) / (n - 1);
    }

    /// <summary>Neumaier's improved Kahan summation, so that means of long samples do not drift.</summary>
    internal static double CompensatedSum(IReadOnlyList<double> values)
    {
        var sum = 0.0;
        var compensation = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            var t = sum + value;
            compensation += Math.Abs(sum) >= Math.Abs(value) ? (sum - t) + value : (value - t) + sum;
            sum = t;
        }

        return sum + compensation;
    }
}
