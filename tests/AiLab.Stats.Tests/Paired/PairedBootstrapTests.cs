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
