using AiLab.Core.Verdicts;
using AiLab.Lab.Analysis;

namespace AiLab.Lab.Tests.Analysis;

/// <summary>The phase-decided TTFB interval divides a shift in ms by A's TTFB median; it must count that median's own
/// uncertainty, or a known shift is reported with a too-narrow interval in %.</summary>
public sealed class PercentIntervalTests
{
    [Fact]
    public void PercentInterval_NoSpreadInA_PlainRatio()
    {
        var ci = PhaseDecomposedRule.PercentInterval(40, 60, new SampleSummary(10, 1000, 1000, 0, 1000, 1000));

        Assert.Equal(4.0, ci[0], 9);
        Assert.Equal(6.0, ci[1], 9);
    }

    [Fact]
    public void PercentInterval_SpreadInA_WiderOnBothSides()
    {
        var ci = PhaseDecomposedRule.PercentInterval(40, 60, new SampleSummary(10, 1000, 1000, 100, 800, 1200));

        Assert.True(ci[0] < 4.0, $"low {ci[0]}");
        Assert.True(ci[1] > 6.0, $"high {ci[1]}");
    }

    [Fact]
    [Trait("Category", "Simulation")]
    public void PercentInterval_ExactShiftNoisyBaseline_CoversTheTruePercentage()
    {
        // A known 50 ms shift (no uncertainty of its own) over a TTFB of true median 1000 ms, sd 100, 10 trials:
        // only the baseline's uncertainty is left, and the interval must still cover 5% about 95% of the time
        // (dividing by the sample median alone covers it almost never).
        var random = new Random(20261206);
        const int runs = 4000;
        var covered = 0;
        for (var r = 0; r < runs; r++)
        {
            var sample = Enumerable.Range(0, 10).Select(_ => 1000 + 100 * Normal(random)).Order().ToArray();
            var median = (sample[4] + sample[5]) / 2;
            var mean = sample.Average();
            var sd = Math.Sqrt(sample.Sum(x => (x - mean) * (x - mean)) / (sample.Length - 1));
            var a = new SampleSummary(10, median, mean, sd, sample[0], sample[^1]);
            var ci = PhaseDecomposedRule.PercentInterval(50, 50, a);
            if (ci[0] <= 5.0 && 5.0 <= ci[1]) covered++;
        }

        var coverage = (double)covered / runs;
        Assert.InRange(coverage, 0.93, 0.995);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
