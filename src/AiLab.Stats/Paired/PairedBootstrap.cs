using AiLab.Stats.Classification;

namespace AiLab.Stats.Paired;

/// <summary>
/// A paired Poisson bootstrap of metric differences: each replicate gives every example one weight ~ Poisson(1),
/// shared by both sides so that the pairing is kept (Hanley &amp; MacGibbon, "Creating non-parametric bootstrap samples
/// using Poisson frequencies", Comput. Methods Programs Biomed. 83 (2006) 57–62; Chamandy, Muralidharan, Najmi &amp;
/// Naidu, "Estimating uncertainty for massive data streams", Google (2012)). Weights instead of resampled indexes let
/// each replicate reuse one sort per side, so a replicate is a linear pass. Percentile intervals (Efron &amp;
/// Tibshirani, <i>An Introduction to the Bootstrap</i> (1993) §13.3).
/// </summary>
/// <remarks>
/// The replicate kernel is built for a million examples: weights are bytes (a Poisson(1) draw above 255 has
/// probability below 1e-300), drawn by SplitMix64 (Steele, Lea &amp; Flood, OOPSLA 2014) seeded per replicate from
/// <c>random</c>, the decision counts of both sides are summed in the same pass that draws the weights, and each
/// side's labels and threshold boundaries are laid out in score order once, so the average-precision passes read
/// sequential memory apart from the weights. <see cref="ReplicateDifferences"/> exposes one replicate for its test
/// against <see cref="RankingMetrics.WeightedAveragePrecision"/>.
/// </remarks>
public static class PairedBootstrap
{
    /// <summary>Replicates used unless told otherwise.</summary>
    public const int DefaultReplicates = 400;

    // P(Poisson(1) ≤ k) for k = 0..15 as 64-bit thresholds; the tail past 15 (< 1e-13) maps to 15.
    private static readonly ulong[] PoissonThresholds = BuildPoissonThresholds();

    /// <summary>Intervals of the AUPRC, precision and recall differences; <paramref name="random"/> seeds every
    /// replicate.</summary>
    public static PairedBootstrapResult Compute(
        ReadOnlySpan<bool> labels,
        ReadOnlySpan<double> baseline,
        ReadOnlySpan<double> candidate,
        double threshold,
        Random random,
        int replicates = DefaultReplicates,
        double confidence = 0.95)
    {
        BinaryInput.Check(labels, baseline);
        BinaryInput.Check(labels, candidate);
        ArgumentNullException.ThrowIfNull(random);
        if (replicates < 10)
            throw new ArgumentException($"Need at least 10 replicates, got {replicates}.", nameof(replicates));
        if (!(confidence is > 0 and < 1))
            throw new ArgumentException($"confidence must lie in (0, 1), got {confidence}.", nameof(confidence));

        var y = labels.ToArray();
        var a = baseline.ToArray();
        var b = candidate.ToArray();
        var sides = new Sides(y, a, b, threshold);
        var seeds = new ulong[replicates];
        for (var r = 0; r < replicates; r++) seeds[r] = (ulong)random.NextInt64();

        var ap = new double[replicates];
        var precision = new double[replicates];
        var recall = new double[replicates];
        Parallel.For(0, replicates, () => new byte[y.Length], (r, _, scratch) =>
        {
            (ap[r], precision[r], recall[r]) = sides.Replicate(seeds[r], [], scratch);
            return scratch;
        }, _ => { });

        var countsA = ConfusionCounts.At(y, a, threshold);
        var countsB = ConfusionCounts.At(y, b, threshold);
        return new PairedBootstrapResult(
            Percentile(RankingMetrics.WeightedAveragePrecision(y, b, sides.B.Order, default)
                       - RankingMetrics.WeightedAveragePrecision(y, a, sides.A.Order, default), ap, confidence),
            Percentile(countsB.Precision - countsA.Precision, precision, confidence),
            Percentile(countsB.Recall - countsA.Recall, recall, confidence),
            replicates);
    }

    /// <summary>One replicate's candidate − baseline differences (AUPRC, precision, recall) under the weights that
    /// <paramref name="seed"/> draws, and those weights, so a test can recompute the same replicate the plain
    /// way.</summary>
    public static (double AveragePrecision, double Precision, double Recall, byte[] Weights) ReplicateDifferences(
        bool[] labels, double[] baseline, double[] candidate, double threshold, ulong seed)
    {
        BinaryInput.Check(labels, baseline);
        BinaryInput.Check(labels, candidate);
        var weights = new byte[labels.Length];
        var sides = new Sides(labels, baseline, candidate, threshold);
        var (ap, p, r) = sides.Replicate(seed, weights, new byte[labels.Length]);
        return (ap, p, r, weights);
    }

    // NaN replicates (a replicate with no positive weight) are dropped rather than poisoning the interval.
    private static PairedInterval Percentile(double estimate, double[] replicates, double confidence)
    {
        var finite = replicates.Where(double.IsFinite).ToArray();
        if (finite.Length == 0) return new PairedInterval(estimate, double.NaN, double.NaN);
        Array.Sort(finite);
        var alpha = (1 - confidence) / 2;
        return new PairedInterval(estimate, Quantile(finite, alpha), Quantile(finite, 1 - alpha));
    }

    // Hyndman & Fan (1996) type 7, numpy's default.
    private static double Quantile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    private static ulong[] BuildPoissonThresholds()
    {
        var thresholds = new ulong[15];
        double term = Math.Exp(-1), sum = 0;
        for (var k = 0; k < thresholds.Length; k++)
        {
            sum += term;
            thresholds[k] = sum >= 1 ? ulong.MaxValue : (ulong)(sum * 18446744073709551616.0);
            term /= k + 1;
        }

        return thresholds;
    }

    /// <summary>Both sides laid out for the replicate kernel.</summary>
    private sealed class Sides
    {
        public Sides(bool[] labels, double[] baseline, double[] candidate, double threshold)
        {
            A = new SortedSide(labels, baseline);
            B = new SortedSide(labels, candidate);
            _flagsInBaselineOrder = Flags(A.Order, labels, baseline, candidate, threshold);
            var rankInBaseline = new int[labels.Length];
            for (var k = 0; k < rankInBaseline.Length; k++) rankInBaseline[A.Order[k]] = k;
            _candidateInBaselineOrder = B.Order.Select(i => rankInBaseline[i]).ToArray();
        }

        public SortedSide A { get; }

        public SortedSide B { get; }

        // Per example in the baseline's order: bit 0 positive, bit 1 baseline says positive, bit 2 candidate does.
        private readonly byte[] _flagsInBaselineOrder;

        // For the candidate's k-th example in score order, its position in the baseline's order.
        private readonly int[] _candidateInBaselineOrder;

        /// <summary>One replicate. The weights are drawn in the baseline's score order (they are independent, so any
        /// order is as good) so that the baseline's pass and the counts read memory in sequence; only the candidate's
        /// pass gathers. <paramref name="weights"/>, unless empty, comes back indexed by example (for the test);
        /// <paramref name="inOrder"/> is scratch.</summary>
        public (double AveragePrecision, double Precision, double Recall) Replicate(
            ulong seed, byte[] weights, byte[] inOrder)
        {
            var state = seed;
            var t = PoissonThresholds;
            ulong t0 = t[0], t1 = t[1], t2 = t[2], t3 = t[3], t4 = t[4];
            // Weighted sums indexed by the flags: tp/fp/fn of both sides follow from these eight totals.
            Span<long> byFlags = stackalloc long[8];
            var flags = _flagsInBaselineOrder;
            for (var k = 0; k < inOrder.Length; k++)
            {
                // Branch-free below P(X ≤ 4) = 0.9963; the rare tail walks the table.
                var u = SplitMix64(ref state);
                var w = (u > t0 ? 1 : 0) + (u > t1 ? 1 : 0) + (u > t2 ? 1 : 0) + (u > t3 ? 1 : 0) + (u > t4 ? 1 : 0);
                if (w == 5)
                {
                    while (w < t.Length && u > t[w]) w++;
                }

                inOrder[k] = (byte)w;
                byFlags[flags[k]] += w;
            }

            long positives = 0, tpA = 0, fpA = 0, tpB = 0, fpB = 0;
            for (var f = 0; f < 8; f++)
            {
                var w = byFlags[f];
                var positive = (f & 1) != 0;
                if (positive) positives += w;
                if ((f & 2) != 0) { if (positive) tpA += w; else fpA += w; }
                if ((f & 4) != 0) { if (positive) tpB += w; else fpB += w; }
            }

            if (weights.Length > 0)
            {
                var order = A.Order;
                for (var k = 0; k < order.Length; k++) weights[order[k]] = inOrder[k];
            }

            var ap = B.AveragePrecision(inOrder, _candidateInBaselineOrder, positives)
                     - A.AveragePrecision(inOrder, null, positives);
            return (ap, Ratio(tpB, tpB + fpB) - Ratio(tpA, tpA + fpA), Ratio(tpB, positives) - Ratio(tpA, positives));
        }

        private static double Ratio(long numerator, long denominator) =>
            denominator == 0 ? 0 : numerator / (double)denominator;

        private static byte[] Flags(int[] order, bool[] y, double[] a, double[] b, double cut)
        {
            var flags = new byte[y.Length];
            for (var k = 0; k < flags.Length; k++)
            {
                var i = order[k];
                flags[k] = (byte)((y[i] ? 1 : 0) | (a[i] >= cut ? 2 : 0) | (b[i] >= cut ? 4 : 0));
            }

            return flags;
        }

        private static ulong SplitMix64(ref ulong state)
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>One side in decreasing score order: each example's label, and whether it closes a run of equal scores
    /// (a threshold of the precision–recall curve).</summary>
    private sealed class SortedSide
    {
        public SortedSide(bool[] labels, double[] scores)
        {
            Order = MidRanks.DescendingOrder(scores);
            _positive = new bool[Order.Length];
            _closesRun = new bool[Order.Length];
            for (var k = 0; k < Order.Length; k++)
            {
                _positive[k] = labels[Order[k]];
                _closesRun[k] = k + 1 == Order.Length || scores[Order[k + 1]] != scores[Order[k]];
            }
        }

        public int[] Order { get; }

        private readonly bool[] _positive;
        private readonly bool[] _closesRun;

        /// <summary>Weighted average precision, as <see cref="RankingMetrics.WeightedAveragePrecision"/>, reading this
        /// side's k-th weight at <c>weights[positions[k]]</c>, or at <c>weights[k]</c> when positions is null.</summary>
        public double AveragePrecision(byte[] weights, int[]? positions, long totalPositive)
        {
            if (totalPositive <= 0) return double.NaN;
            long truePositive = 0, predicted = 0;
            double previousRecall = 0, sum = 0;
            for (var k = 0; k < _positive.Length; k++)
            {
                int weight = positions is null ? weights[k] : weights[positions[k]];
                predicted += weight;
                if (_positive[k]) truePositive += weight;
                if (!_closesRun[k] || predicted == 0) continue;
                var recall = truePositive / (double)totalPositive;
                sum += (recall - previousRecall) * (truePositive / (double)predicted);
                previousRecall = recall;
            }

            return sum;
        }
    }
}
