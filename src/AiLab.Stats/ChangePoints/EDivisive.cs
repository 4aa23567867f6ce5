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
/// p &lt; MaxPValue and magnitude &gt; MinMagnitude. With <see cref="EDivisiveOptions.Otava"/> the output matches
/// Otava's <c>compute_change_points</c> index for index on Otava's own test series. The defaults (those of
/// <see cref="ChangePointDetector"/>) differ: the merge step's t-test allows for lag-1 autocorrelation within segments,
/// because a history that wanders is otherwise cut at almost every point; it leaves out the most outlying value of
/// each segment, so one outlier neither makes nor hides a change; segments hold at least 3 values; and a removal
/// re-tests both neighbours of the removed point (Otava re-tests the next two).
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
        var weak = Split(values, options);
        var kept = Merge(weak, values, options);

        // Reported against the final neighbours, which Otava's own statistics need not be (see Merge).
        var indices = kept.Select(w => w.Index).ToList();
        if (options.RefineLocations)
        {
            LocationRefinement.Apply(values, indices, options.MinSegmentLength);
        }

        return indices.Select((_, k) => Retest(indices, k, values, options).Comparison)
            .Select((c, k) => new ChangePoint(indices[k], c.PValue, c.Mean1, c.Mean2))
            .ToList();
    }

    // Otava's relaxation: the split step must not lose a change point that only becomes clear once its
    // neighbours are merged away.
    private static double FirstPassPValue(double maxPValue) =>
        maxPValue < 0.05 ? maxPValue * 10 : maxPValue < 0.5 ? maxPValue * 2 : maxPValue;

    private static List<WeakChangePoint> Split(double[] series, EDivisiveOptions options)
    {
        var windowLength = options.WindowLength;
        var maxPValue = FirstPassPValue(options.MaxPValue);
        var step = windowLength / 2;
        var indices = new SortedSet<int>();
        var start = 0;
        while (start < series.Length)
        {
            var end = Math.Min(start + windowLength, series.Length);
            var found = DivisiveSearch.Run(
                series[start..end],
                maxPValue,
                serialCorrelation: options.EffectiveSerialCorrelation == SerialCorrelationAllowance.BothSteps,
                exhaustive: options.ExhaustiveSplit,
                circularMinLength: options.CircularSplit ? Math.Max(2, options.MinSegmentLength) : 0);
            foreach (var index in found)
            {
                indices.Add(start + index);
            }

            // The next window starts at the last change found when that is further than half a window on.
            var lastFound = found.Count > 0 ? start + found[^1] : 0;
            start = Math.Max(lastFound, start + step);
        }

        var sorted = indices.ToList();
        return sorted.Select((_, k) => Retest(sorted, k, series, options)).ToList();
    }

    private static List<WeakChangePoint> Merge(
        List<WeakChangePoint> points, double[] series, EDivisiveOptions options)
    {
        var (maxPValue, minMagnitude, otavaCompatible) = (options.MaxPValue, options.MinMagnitude, options.OtavaCompatible);
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

            // Removing a point changes the segments of both its neighbours. Otava re-tests the two points after it
            // instead (the left neighbour keeps a stale p-value); the compatible mode does the same so that its output
            // stays index-for-index identical.
            var indices = points.Select(p => p.Index).ToList();
            var first = otavaCompatible ? weakest : weakest - 1;
            var last = otavaCompatible ? weakest + 1 : weakest;
            for (var k = Math.Max(first, 0); k <= last && k < points.Count; k++)
            {
                points[k] = Retest(indices, k, series, options);
            }
        }

        return points;
    }

    private static WeakChangePoint Retest(IReadOnlyList<int> sortedIndices, int k, double[] series, EDivisiveOptions options)
    {
        var index = sortedIndices[k];
        var leftStart = k == 0 ? 0 : sortedIndices[k - 1];
        var rightStop = k == sortedIndices.Count - 1 ? series.Length : sortedIndices[k + 1];
        var serial = options.EffectiveSerialCorrelation != SerialCorrelationAllowance.None;
        var (gate, stepTolerant) = (options.BartlettGate, options.StepTolerantSerialCorrelation);
        var comparison = options.OutlierRobust && !options.OtavaCompatible
            ? OutlierRobustComparison.Of(series, leftStart, index, rightStop, serial, gate, stepTolerant)
            : SegmentComparison.Of(series, leftStart, index, rightStop, serial, gate, stepTolerant);
        if (!options.OtavaCompatible && double.IsNaN(comparison.PValue))
        {
            // Two constant, equal segments: no evidence of a change at all (Otava keeps scipy's NaN).
            comparison = comparison with { PValue = 1 };
        }

        if (options.SplitCountCorrection && !options.OtavaCompatible)
        {
            comparison = comparison with { PValue = Math.Min(1, comparison.PValue * (rightStop - leftStart - 1)) };
        }

        // A few values that stand out are an outlier run, not a new level: the search picks the most extreme such run
        // of a window, so its nominal p-value overstates the evidence. Such a point is made one of the first to go.
        var shortest = Math.Min(index - leftStart, rightStop - index);
        // Among several such points the one whose own test is weakest goes first (a p-value above 1 only ranks it): a
        // spurious point next to a true step leaves both with a short segment, and removing the true one first would
        // leave the spurious one with a short segment too, losing both.
        var rank = options.OtavaCompatible ? 1 : 1 + (double.IsNaN(comparison.PValue) ? 1 : comparison.PValue);
        return new WeakChangePoint(index, shortest < options.MinSegmentLength ? comparison with { PValue = rank } : comparison);
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
