using AiLab.Stats.Classification;
using AiLab.Stats.Paired;

namespace AiLab.Bench.Outputs;

/// <summary>The paired Poisson bootstrap as it was before the byte-weight kernel (commit 9a22778): double weights
/// from <see cref="Random"/>, two weighted-AP passes reading scores through the order, separate precision/recall
/// passes. Kept only so that <c>bootstrap-kernel</c> measures the two side by side.</summary>
internal static class ReferencePairedBootstrap
{
    // P(Poisson(1) ≤ k) for k = 0..; the tail past 12 is below 1e-10.
    private static readonly double[] PoissonCdf = BuildPoissonCdf();

    /// <summary>Intervals of the AUPRC, precision and recall differences; <paramref name="random"/> seeds every replicate.</summary>
    public static PairedBootstrapResult Compute(
        ReadOnlySpan<bool> labels,
        ReadOnlySpan<double> baseline,
        ReadOnlySpan<double> candidate,
        double threshold,
        Random random,
        int replicates = PairedBootstrap.DefaultReplicates,
        double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (replicates < 10) throw new ArgumentException($"Need at least 10 replicates, got {replicates}.", nameof(replicates));
        if (!(confidence is > 0 and < 1)) throw new ArgumentException($"confidence must lie in (0, 1), got {confidence}.", nameof(confidence));

        var y = labels.ToArray();
        var a = baseline.ToArray();
        var b = candidate.ToArray();
        var orderA = MidRanks.DescendingOrder(a);
        var orderB = MidRanks.DescendingOrder(b);
        var seeds = new int[replicates];
        for (var r = 0; r < replicates; r++) seeds[r] = random.Next();

        var ap = new double[replicates];
        var precision = new double[replicates];
        var recall = new double[replicates];
        Parallel.For(0, replicates, () => new double[y.Length], (r, _, weights) =>
        {
            var rng = new Random(seeds[r]);
            for (var i = 0; i < weights.Length; i++) weights[i] = Poisson(rng);
            ap[r] = RankingMetrics.WeightedAveragePrecision(y, b, orderB, weights)
                    - RankingMetrics.WeightedAveragePrecision(y, a, orderA, weights);
            var (pa, ra) = WeightedPrecisionRecall(y, a, weights, threshold);
            var (pb, rb) = WeightedPrecisionRecall(y, b, weights, threshold);
            precision[r] = pb - pa;
            recall[r] = rb - ra;
            return weights;
        }, _ => { });

        var countsA = ConfusionCounts.At(y, a, threshold);
        var countsB = ConfusionCounts.At(y, b, threshold);
        return new PairedBootstrapResult(
            Percentile(RankingMetrics.WeightedAveragePrecision(y, b, orderB, default)
                       - RankingMetrics.WeightedAveragePrecision(y, a, orderA, default), ap, confidence),
            Percentile(countsB.Precision - countsA.Precision, precision, confidence),
            Percentile(countsB.Recall - countsA.Recall, recall, confidence),
            replicates);
    }

    private static (double Precision, double Recall) WeightedPrecisionRecall(bool[] labels, double[] scores, double[] weights, double threshold)
    {
        double tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var w = weights[i];
            if (scores[i] >= threshold)
            {
                if (labels[i]) tp += w;
                else fp += w;
            }
            else if (labels[i])
            {
                fn += w;
            }
        }

        return (tp + fp == 0 ? 0 : tp / (tp + fp), tp + fn == 0 ? 0 : tp / (tp + fn));
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

    private static int Poisson(Random random)
    {
        var u = random.NextDouble();
        var k = 0;
        while (k < PoissonCdf.Length - 1 && u > PoissonCdf[k]) k++;
        return k;
    }

    private static double[] BuildPoissonCdf()
    {
        var cdf = new double[16];
        double term = Math.Exp(-1), sum = 0;
        for (var k = 0; k < cdf.Length; k++)
        {
            sum += term;
            cdf[k] = sum;
            term /= k + 1;
        }

        cdf[^1] = 1;
        return cdf;
    }
}
