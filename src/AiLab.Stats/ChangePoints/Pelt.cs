using AiLab.Stats.Validation;

namespace AiLab.Stats.ChangePoints;

/// <summary>
/// PELT, the exact penalised segmentation of Killick, Fearnhead &amp; Eckley, "Optimal detection of changepoints with
/// a linear computational cost" (JASA 107, 2012): minimises Σ cost(segment) + penalty·(number of changes) with
/// pruning, under a minimum segment length.
/// </summary>
/// <remarks>
/// The candidate bookkeeping for the minimum segment length is Perfolizer's, so that with
/// <see cref="PeltCost.EmpiricalDistribution"/> the output is Perfolizer's ED-PELT shifted by one (it reports the last
/// index of the old segment, this the first of the new). Default penalty 3 ln n for either cost: for the normal cost it
/// is the BIC price of a change that moves mean and variance (two parameters and a location); it is also the value
/// Haynes et al. use for ED-PELT. Each <see cref="ChangePoint"/> carries the Student t-test between its neighbouring
/// segments, for information: PELT itself tests nothing.
/// </remarks>
public static class Pelt
{
    /// <summary>The change points of <paramref name="series"/>, in index order (each the first index of its new segment).</summary>
    /// <exception cref="ArgumentException">The series is null or holds a non-finite value.</exception>
    public static IReadOnlyList<ChangePoint> Detect(IReadOnlyList<double> series, PeltOptions? options = null)
    {
        SampleGuard.Require(series, nameof(series), minCount: 0);
        options ??= new PeltOptions();
        options.Validate();

        var values = series.ToArray();
        var indices = Segment(values, options);
        var result = new List<ChangePoint>(indices.Count);
        for (var k = 0; k < indices.Count; k++)
        {
            var leftStart = k == 0 ? 0 : indices[k - 1];
            var rightStop = k == indices.Count - 1 ? values.Length : indices[k + 1];
            var comparison = SegmentComparison.Of(values, leftStart, indices[k], rightStop);
            result.Add(new ChangePoint(indices[k], comparison.PValue, comparison.Mean1, comparison.Mean2));
        }

        return result;
    }

    private static List<int> Segment(double[] values, PeltOptions options)
    {
        var n = values.Length;
        var minLength = options.MinSegmentLength;
        if (n <= 2 || 2 * minLength > n)
        {
            return [];
        }

        ISegmentCost cost = options.Cost == PeltCost.NormalMeanVariance
            ? new NormalMeanVarianceCost(values)
            : new EmpiricalDistributionCost(values);
        var penalty = options.Penalty ?? cost.DefaultPenalty;

        // best[τ]: the least penalised cost of values[0..τ); previous[τ]: where its last segment starts.
        var best = new double[n + 1];
        var previous = new int[n + 1];
        best[0] = -penalty;
        for (var tau = minLength; tau < 2 * minLength; tau++)
        {
            best[tau] = cost.Cost(0, tau);
        }

        var candidates = new List<int>(n) { 0, minLength };
        var totals = new List<double>(n);
        for (var tau = 2 * minLength; tau <= n; tau++)
        {
            totals.Clear();
            var bestIndex = 0;
            foreach (var s in candidates)
            {
                var total = best[s] + cost.Cost(s, tau) + penalty;
                totals.Add(total);
                if (total < totals[bestIndex])
                {
                    bestIndex = totals.Count - 1;
                }
            }

            best[tau] = totals[bestIndex];
            previous[tau] = candidates[bestIndex];

            // Pruning (Killick et al. 2012, Theorem 3.1 with K = 0): a start that is already worse than the optimum
            // can never become optimal later.
            var kept = 0;
            for (var i = 0; i < candidates.Count; i++)
            {
                if (totals[i] < best[tau] + penalty)
                {
                    candidates[kept++] = candidates[i];
                }
            }

            candidates.RemoveRange(kept, candidates.Count - kept);
            candidates.Add(tau - minLength + 1);
        }

        var indices = new List<int>();
        for (var at = previous[n]; at != 0; at = previous[at])
        {
            indices.Add(at);
        }

        indices.Reverse();
        return indices;
    }
}
