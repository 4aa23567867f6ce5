namespace AiLab.Stats.ChangePoints;

/// <summary>
/// Places each change point at the best single split between its neighbours, within a small neighbourhood of where
/// the search put it: the split that minimises Σ|x − median| of the two segments (the least-absolute-deviation fit of
/// one change in level, which one outlier next to the step does not pull aside as a least-squares fit can).
/// </summary>
/// <remarks>
/// Why: E-Divisive's windows and the minimum segment length can leave a step a point or two from its index (the
/// issue-16 examples); the local exact fit is the refinement step of binary segmentation (Vostrikova 1981) applied
/// once per point, left to right, each against its current neighbours.
/// </remarks>
internal static class LocationRefinement
{
    /// <summary>Moves the sorted <paramref name="indices"/> in place; they stay sorted and at least
    /// <paramref name="minSegment"/> apart.</summary>
    public static void Apply(double[] series, List<int> indices, int minSegment)
    {
        for (var k = 0; k < indices.Count; k++)
        {
            var leftStart = k == 0 ? 0 : indices[k - 1];
            var rightStop = k == indices.Count - 1 ? series.Length : indices[k + 1];
            var from = Math.Max(leftStart + minSegment, indices[k] - minSegment);
            var to = Math.Min(rightStop - minSegment, indices[k] + minSegment);
            var best = indices[k];
            var bestCost = SplitCost(series, leftStart, best, rightStop);
            for (var tau = from; tau <= to; tau++)
            {
                var cost = SplitCost(series, leftStart, tau, rightStop);

                // Strictly better only: a tie keeps the search's choice.
                if (cost < bestCost - (1e-12 * Math.Abs(bestCost)))
                {
                    (best, bestCost) = (tau, cost);
                }
            }

            indices[k] = best;
        }
    }

    private static double SplitCost(double[] series, int start, int split, int stop) =>
        AbsoluteDeviation(series, start, split) + AbsoluteDeviation(series, split, stop);

    private static double AbsoluteDeviation(double[] series, int start, int stop)
    {
        if (stop - start < 1)
        {
            return 0;
        }

        var sorted = series[start..stop];
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        var sum = 0.0;
        for (var i = start; i < stop; i++)
        {
            sum += Math.Abs(series[i] - median);
        }

        return sum;
    }
}
