using AiLab.Stats.Validation;

namespace AiLab.Stats.ChangePoints;

/// <summary>
/// E-Divisive means with a t-test significance step, as Apache Otava (formerly Hunter) computes change points:
/// Fleming et al., "Hunter: Using Change Point Detection to Hunt for Performance Regressions" (ICPE 2023,
/// https://doi.org/10.1145/3578244.3583719), on top of Matteson &amp; James's E-Divisive (JASA 2014).
/// </summary>
/// <remarks>
/// Split step: E-Divisive runs in windows of <see cref="EDivisiveOptions.WindowLength"/> that advance by half a window
/// (or to the last change found), keeping candidates at a relaxed first-pass threshold (10× the p-value threshold below
/// 0.05, 2× below 0.5). Merge step: the weakest of the resulting "weak" change points (largest p-value, or when all
/// pass, smallest relative change) is removed and its right-hand neighbours re-tested, until every one left has
/// p &lt; MaxPValue and magnitude &gt; MinMagnitude. The output matches Otava's <c>compute_change_points</c>
/// index for index on Otava's own test series.
/// </remarks>
public static class EDivisive
{
    /// <summary>The change points of <paramref name="series"/>, in index order (each the first index of its new segment).</summary>
    /// <exception cref="ArgumentException">The series is null or holds a non-finite value.</exception>
    public static IReadOnlyList<ChangePoint> Detect(IReadOnlyList<double> series, EDivisiveOptions? options = null)
    {
        SampleGuard.Require(series, nameof(series), minCount: 0);
        options ??= new EDivisiveOptions();
        options.Validate();

        var values = series.ToArray();
        var weak = Split(values, options.WindowLength, FirstPassPValue(options.MaxPValue));
        var kept = Merge(weak, values, options.MaxPValue, options.MinMagnitude);
        return kept
            .Select(w => new ChangePoint(w.Index, w.Comparison.PValue, w.Comparison.Mean1, w.Comparison.Mean2))
            .ToList();
    }

    // Otava's relaxation: the split step must not lose a change point that only becomes clear once its
    // neighbours are merged away.
    private static double FirstPassPValue(double maxPValue) =>
        maxPValue < 0.05 ? maxPValue * 10 : maxPValue < 0.5 ? maxPValue * 2 : maxPValue;

    private static List<WeakChangePoint> Split(double[] series, int windowLength, double maxPValue)
    {
        var step = windowLength / 2;
        var indices = new SortedSet<int>();
        var start = 0;
        while (start < series.Length)
        {
            var end = Math.Min(start + windowLength, series.Length);
            var found = DivisiveSearch.Run(series[start..end], maxPValue);
            foreach (var index in found)
            {
                indices.Add(start + index);
            }

            // The next window starts at the last change found when that is further than half a window on.
            var lastFound = found.Count > 0 ? start + found[^1] : 0;
            start = Math.Max(lastFound, start + step);
        }

        var sorted = indices.ToList();
        return sorted.Select((_, k) => Retest(sorted, k, series)).ToList();
    }

    private static List<WeakChangePoint> Merge(List<WeakChangePoint> points, double[] series, double maxPValue, double minMagnitude)
    {
        while (points.Count > 0)
        {
            var weakest = ArgMax(points, p => p.Comparison.PValue);
            if (points[weakest].Comparison.PValue < maxPValue)
            {
                weakest = ArgMax(points, p => -p.Comparison.Magnitude);
                if (points[weakest].Comparison.Magnitude > minMagnitude)
                {
                    return points;
                }
            }

            points.RemoveAt(weakest);

            // Otava re-tests the two points after the removed one, not the one before it; done the same way here so
            // that the output stays index-for-index identical.
            var indices = points.Select(p => p.Index).ToList();
            for (var k = weakest; k <= weakest + 1 && k < points.Count; k++)
            {
                points[k] = Retest(indices, k, series);
            }
        }

        return points;
    }

    private static WeakChangePoint Retest(IReadOnlyList<int> sortedIndices, int k, double[] series)
    {
        var leftStart = k == 0 ? 0 : sortedIndices[k - 1];
        var rightStop = k == sortedIndices.Count - 1 ? series.Length : sortedIndices[k + 1];
        return new WeakChangePoint(sortedIndices[k], SegmentComparison.Of(series, leftStart, sortedIndices[k], rightStop));
    }

    // Python's max(): the first of equal maxima, and a NaN key never replaces the current best (nor is replaced).
    private static int ArgMax(List<WeakChangePoint> points, Func<WeakChangePoint, double> key)
    {
        var best = 0;
        var bestKey = key(points[0]);
        for (var i = 1; i < points.Count; i++)
        {
            var k = key(points[i]);
            if (k > bestKey)
            {
                (best, bestKey) = (i, k);
            }
        }

        return best;
    }
}
