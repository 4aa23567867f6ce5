using AiLab.Stats.Classification;
using AiLab.Stats.Paired;

namespace AiLab.Stats.Tests.Paired;

public sealed class PairedBootstrapTests
{
    [Fact]
    public void Compute_SameSeed_GivesTheSameIntervals()
    {
        var (labels, a, b) = Data();

        var first = PairedBootstrap.Compute(labels, a, b, 0.5, new Random(3), replicates: 100);
        var second = PairedBootstrap.Compute(labels, a, b, 0.5, new Random(3), replicates: 100);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Compute_IdenticalSides_GivesZeroWidthIntervalsAtZero()
    {
        var (labels, a, _) = Data();

        var result = PairedBootstrap.Compute(labels, a, a, 0.5, new Random(1), replicates: 50);

        Assert.Equal(new PairedInterval(0, 0, 0), result.AveragePrecision);
        Assert.Equal(new PairedInterval(0, 0, 0), result.Recall);
    }

    [Fact]
    public void Compute_CandidateThatRandomisesHalfTheScores_IntervalLiesBelowZero()
    {
        var (labels, a, _) = Data();
        var noise = new Random(9);
        var worse = a.Select((s, i) => i % 2 == 0 ? noise.NextDouble() : s).ToArray();

        var result = PairedBootstrap.Compute(labels, a, worse, 0.5, new Random(2), replicates: 200);

        Assert.True(result.AveragePrecision.High < 0, $"AUPRC interval {result.AveragePrecision}");
        Assert.InRange(result.AveragePrecision.Estimate, result.AveragePrecision.Low, result.AveragePrecision.High);
    }

    [Fact]
    public void ReplicateDifferences_FastKernel_EqualsThePlainWeightedFormulas()
    {
        // Ties included: scores rounded to two decimals put several examples on one threshold.
        var (labels, a, b) = Data();
        a = a.Select(s => Math.Round(s, 2)).ToArray();
        b = b.Select(s => Math.Round(s, 2)).ToArray();

        var (ap, precision, recall, bytes) = PairedBootstrap.ReplicateDifferences(labels, a, b, 0.5, seed: 42);

        var w = bytes.Select(x => (double)x).ToArray();
        var plainAp = RankingMetrics.WeightedAveragePrecision(labels, b, MidRanks.DescendingOrder(b), w)
                      - RankingMetrics.WeightedAveragePrecision(labels, a, MidRanks.DescendingOrder(a), w);
        var (pa, ra) = WeightedPrecisionRecall(labels, a, w);
        var (pb, rb) = WeightedPrecisionRecall(labels, b, w);
        Assert.Equal(plainAp, ap, 12);
        Assert.Equal(pb - pa, precision, 12);
        Assert.Equal(rb - ra, recall, 12);
    }

    [Fact]
    public void ReplicateDifferences_Weights_ArePoissonOne()
    {
        var n = 200_000;
        var labels = new bool[n];
        var scores = new double[n];
        labels[0] = true;

        var weights = PairedBootstrap.ReplicateDifferences(labels, scores, scores, 0.5, seed: 7).Weights;

        var mean = weights.Average(x => (double)x);
        var variance = weights.Average(x => (x - mean) * (x - mean));
        var zeros = weights.Count(x => x == 0) / (double)n;
        Assert.InRange(mean, 0.99, 1.01);           // 4.5 standard errors of a mean of Poisson(1)
        Assert.InRange(variance, 0.98, 1.02);
        Assert.InRange(zeros, Math.Exp(-1) - 0.005, Math.Exp(-1) + 0.005);
    }

    private static (double Precision, double Recall) WeightedPrecisionRecall(bool[] labels, double[] scores, double[] w)
    {
        double tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var predicted = scores[i] >= 0.5;
            if (predicted && labels[i]) tp += w[i];
            else if (predicted) fp += w[i];
            else if (labels[i]) fn += w[i];
        }

        return (tp + fp == 0 ? 0 : tp / (tp + fp), tp + fn == 0 ? 0 : tp / (tp + fn));
    }

    private static (bool[] Labels, double[] A, double[] B) Data()
    {
        var random = new Random(11);
        var labels = new bool[600];
        var a = new double[600];
        var b = new double[600];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = random.NextDouble() < 0.3;
            a[i] = Math.Clamp((labels[i] ? 0.65 : 0.35) + (0.2 * (random.NextDouble() - 0.5)), 0, 1);
            b[i] = Math.Clamp(a[i] + (0.05 * (random.NextDouble() - 0.5)), 0, 1);
        }

        return (labels, a, b);
    }
}
