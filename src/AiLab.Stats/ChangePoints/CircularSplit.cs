using AiLab.Stats.Distributions;

namespace AiLab.Stats.ChangePoints;

/// <summary>
/// The best "arc" of a segment: the run [i, j) strictly inside it whose mean differs most from the rest of the
/// segment, by the pooled-variance Student t-statistic — circular binary segmentation (Olshen, Venkatraman, Lucito &amp; Wigler,
/// "Circular binary segmentation for the analysis of array-based DNA copy number data", Biostatistics 5(4), 2004).
/// </summary>
/// <remarks>
/// Why: a single split cannot see a level that leaves and comes back (a dip of three commits in the middle of a
/// history, a five-commit regression and its fix): either split point compares a clean side with a side that holds
/// both the dip and the recovery, whose variance hides it. Treating the segment as a circle, one cut pair finds it.
/// </remarks>
internal static class CircularSplit
{
    /// <summary>The best arc of <c>values[start..stop)</c> with at least <paramref name="minLength"/> values inside and
    /// outside, and the two-sided p-value of its t-statistic; null when the segment is too short or constant.</summary>
    public static (int Begin, int End, double PValue)? Best(
        ReadOnlySpan<double> values, int start, int stop, int minLength)
    {
        var n = stop - start;
        if (n < (3 * minLength) || n < 4)
        {
            return null;
        }

        var sums = new double[n + 1];
        var squares = new double[n + 1];
        for (var k = 0; k < n; k++)
        {
            var v = values[start + k];
            sums[k + 1] = sums[k] + v;
            squares[k + 1] = squares[k] + (v * v);
        }

        var (best, bestI, bestJ) = (0.0, -1, -1);
        for (var i = minLength; i < n; i++)
        {
            for (var j = i + minLength; j <= n - minLength; j++)
            {
                var inner = j - i;
                var outer = n - inner;
                var innerSum = sums[j] - sums[i];
                var innerSquares = squares[j] - squares[i];
                var outerSum = sums[n] - innerSum;
                var outerSquares = squares[n] - innerSquares;
                var within = innerSquares - (innerSum * innerSum / inner)
                    + outerSquares - (outerSum * outerSum / outer);
                var difference = (innerSum / inner) - (outerSum / outer);
                var pooled = Math.Max(within, 0) / (n - 2);
                var denominator = Math.Sqrt(pooled * ((1.0 / inner) + (1.0 / outer)));
                var t = denominator > 0
                    ? Math.Abs(difference) / denominator
                    : difference != 0 ? double.PositiveInfinity : 0;
                if (t > best)
                {
                    (best, bestI, bestJ) = (t, i, j);
                }
            }
        }

        if (bestI < 0)
        {
            return null;
        }

        var p = double.IsPositiveInfinity(best) ? 0 : 2 * StudentTDistribution.Cdf(-best, n - 2);
        return (start + bestI, start + bestJ, p);
    }
}
