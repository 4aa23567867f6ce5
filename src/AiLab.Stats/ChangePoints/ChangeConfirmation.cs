namespace AiLab.Stats.ChangePoints;

/// <summary>
/// Confirms a detector's change points with every measurement behind each point of the history (the trials of each
/// commit), by a permutation test per change whose statistic is the maximum over the split positions of its
/// neighbouring segments, and Holm's step-down procedure over the changes so that a history without any change
/// shows one with probability at most the family error rate.
/// </summary>
/// <remarks>
/// Each point (commit) is summarised by the median of its measurements (trials), robust to a slow trial; the statistic
/// of a split s of the points [a, b) is the pooled two-sample t-statistic between the summaries of [a, s) and [s, b).
/// Whole points are permuted, never single trials, because the trials of one commit share its build, its worktree and
/// the machine's state at that moment: a permutation of trials would take that shared part for evidence. The maximum
/// over all splits with at least <c>minSegment</c> points a side is compared with the same maximum on each
/// permutation, so that the choice of the split position (which the detector made on the same data) is paid for: the
/// permutation significance test of E-Divisive (Matteson &amp; James, JASA 2014, §3.2) on the detector's final
/// segments, with Westfall &amp; Young's (1993) max-statistic correction. The family error rate over the changes of one
/// history is held by Holm (1979). With m points a side the smallest p-value a permutation can give is about
/// 2 / C(2m, m): 4 a side reach 0.03, 5 reach 0.008.
/// </remarks>
public static class ChangeConfirmation
{
    /// <summary>Each change of <paramref name="changes"/> (indices into <paramref name="points"/>) with its permutation
    /// p-value, its Holm-adjusted p-value and whether it is confirmed at <paramref name="familyErrorRate"/>; the
    /// unconfirmed ones are dropped one at a time, weakest first, and the rest tested again without them.</summary>
    /// <param name="points">The measurements of each point, oldest first (each point at least one value).</param>
    /// <param name="changes">The detector's change points (first index of each new segment), ascending.</param>
    /// <param name="minSegment">The fewest points a side a split may leave (≥ 1).</param>
    /// <param name="familyErrorRate">The chance, in a history without change, that any change is confirmed.</param>
    /// <param name="permutations">Random permutations per change (the p-value's resolution is 1 / (this + 1)).</param>
    /// <param name="seed">Seeds the permutations, so that the same history gives the same answer.</param>
    public static IReadOnlyList<ConfirmedChange> Confirm(
        IReadOnlyList<IReadOnlyList<double>> points, IReadOnlyList<int> changes, int minSegment = 3,
        double familyErrorRate = 0.05, int permutations = 999, int seed = 16)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentOutOfRangeException.ThrowIfLessThan(minSegment, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        if (!(familyErrorRate > 0 && familyErrorRate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(familyErrorRate), familyErrorRate, "must lie in (0, 1)");
        }

        if (points.Any(p => p is null || p.Count == 0 || p.Any(v => !double.IsFinite(v))))
        {
            throw new ArgumentException("every point needs at least one finite value", nameof(points));
        }

        for (var k = 0; k < changes.Count; k++)
        {
            if (changes[k] <= 0 || changes[k] >= points.Count || (k > 0 && changes[k] <= changes[k - 1]))
            {
                throw new ArgumentException(
                    "change points must be ascending indices inside the history", nameof(changes));
            }
        }

        // The weakest unconfirmed change goes first and the others are tested again: removing it joins two segments,
        // which is the context its neighbours must then stand in (as the detector's own merge step does).
        var summaries = points.Select(Median).ToArray();
        var kept = changes.ToList();
        var dropped = new List<ConfirmedChange>();
        while (true)
        {
            var pValues = new double[kept.Count];
            for (var k = 0; k < kept.Count; k++)
            {
                var start = k == 0 ? 0 : kept[k - 1];
                var stop = k == kept.Count - 1 ? points.Count : kept[k + 1];
                var segment = summaries[start..stop];
                pValues[k] = PermutationPValue(segment, minSegment, permutations, new Random(seed + kept[k]));
            }

            var adjusted = MultipleTesting.HolmStepDown.Adjust(pValues);
            var weakest = Enumerable.Range(0, kept.Count).Where(k => adjusted[k] > familyErrorRate)
                .OrderByDescending(k => adjusted[k]).ThenBy(k => k).FirstOrDefault(-1);
            if (weakest < 0)
            {
                return kept.Select((c, k) => new ConfirmedChange(c, pValues[k], adjusted[k], Confirmed: true))
                    .Concat(dropped).OrderBy(c => c.Index).ToList();
            }

            dropped.Add(new ConfirmedChange(kept[weakest], pValues[weakest], adjusted[weakest], Confirmed: false));
            kept.RemoveAt(weakest);
        }
    }

    private static double PermutationPValue(double[] segment, int minSegment, int permutations, Random random)
    {
        var n = segment.Length;
        if (n < 2 * minSegment)
        {
            // No split leaves enough on both sides: nothing to confirm with.
            return 1.0;
        }

        var observed = MaxStatistic(segment, minSegment);
        var order = (double[])segment.Clone();
        var atLeast = 0;
        for (var r = 0; r < permutations; r++)
        {
            random.Shuffle(order);
            // A tolerance for the floating-point noise of equal sums added in another order.
            if (MaxStatistic(order, minSegment) >= observed * (1 - 1e-9))
            {
                atLeast++;
            }
        }

        return (1.0 + atLeast) / (permutations + 1.0);
    }

    // The largest two-sample t-statistic (pooled variance) over the splits: scale-free, so one statistic serves every
    // permutation of the same values; a constant segment gives 0 everywhere, and p = 1.
    private static double MaxStatistic(double[] values, int minSegment)
    {
        var n = values.Length;
        var (total, squares) = (0.0, 0.0);
        foreach (var v in values)
        {
            total += v;
            squares += v * v;
        }

        var best = 0.0;
        var prefix = 0.0;
        var prefixSquares = 0.0;
        for (var s = 1; s <= n - minSegment; s++)
        {
            prefix += values[s - 1];
            prefixSquares += values[s - 1] * values[s - 1];
            if (s < minSegment)
            {
                continue;
            }

            var (n1, n2) = ((double)s, (double)(n - s));
            var (sum2, squares2) = (total - prefix, squares - prefixSquares);
            var within = (prefixSquares - (prefix * prefix / n1)) + (squares2 - (sum2 * sum2 / n2));
            var difference = Math.Abs((sum2 / n2) - (prefix / n1));
            var scale = Math.Sqrt(Math.Max(within, 0) / Math.Max(1, n - 2) * ((1 / n1) + (1 / n2)));
            var t = scale > 0 ? difference / scale : difference > 0 ? double.PositiveInfinity : 0;
            best = Math.Max(best, t);
        }

        return best;
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
