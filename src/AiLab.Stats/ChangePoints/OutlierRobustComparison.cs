namespace AiLab.Stats.ChangePoints;

/// <summary>
/// The t-test between two neighbouring segments that must also pass with the most outlying value of each (the
/// farthest from its segment's median) left out: a change that one value carries disappears. The larger of the two
/// p-values counts, since trimming alone narrows the segments and makes noise look significant. A leave-one-out
/// sensitivity check in the spirit of Cook's distance (Cook 1977), applied to both sides at once; it needs segments
/// of at least 3 values (of 2, either could be the outlier).
/// </summary>
internal static class OutlierRobustComparison
{
    /// <summary>Compares <c>series[leftStart..index)</c> with <c>series[index..rightStop)</c> (see the type); the means
    /// and deviations reported are those of the whole segments.</summary>
    public static SegmentComparison Of(
        double[] series, int leftStart, int index, int rightStop, bool serialCorrelation, bool bartlettGate,
        bool stepTolerant)
    {
        // The serial correlation is estimated once, on the whole segments: leaving a value out joins its neighbours,
        // which were never lag-1 pairs, and a 5-value remainder of a 6-value segment loses the step-tolerant fit.
        var inflation = serialCorrelation
            ? SegmentComparison.InflationOf(series, leftStart, index, rightStop, bartlettGate, stepTolerant)
            : 1.0;
        var whole = SegmentComparison.WithInflation(series, leftStart, index, rightStop, inflation);
        var droppedLeft = MostOutlying(series, leftStart, index);
        var droppedRight = MostOutlying(series, index, rightStop);
        var reduced = new List<double>(rightStop - leftStart);
        for (var i = leftStart; i < rightStop; i++)
        {
            if (i != droppedLeft && i != droppedRight)
            {
                reduced.Add(series[i]);
            }
        }

        var split = index - leftStart - (droppedLeft >= 0 ? 1 : 0);
        var p = SegmentComparison.WithInflation(reduced.ToArray(), 0, split, reduced.Count, inflation).PValue;
        // Trimming the most outlying value of each side narrows both segments, which alone makes noise look more
        // significant: the trimmed test may only veto a change, never create one.
        var wholeP = double.IsNaN(whole.PValue) ? 1 : whole.PValue;
        return whole with { PValue = double.IsNaN(p) ? 1 : Math.Max(p, wholeP) };
    }

    // The index of the value farthest from the segment's median (the first of equals), or −1 when the segment is too
    // short to lose one.
    private static int MostOutlying(double[] series, int start, int stop)
    {
        if (stop - start < 3)
        {
            return -1;
        }
        var sorted = series[start..stop];
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        var best = start;
        for (var i = start + 1; i < stop; i++)
        {
            if (Math.Abs(series[i] - median) > Math.Abs(series[best] - median))
            {
                best = i;
            }
        }

        return best;
    }
}
