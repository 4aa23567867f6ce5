using AiLab.Core.Verdicts;
using AiLab.Lab.Analysis;
using Xunit.Abstractions;

namespace AiLab.Lab.Tests.Analysis;

/// <summary>The paired rule's false-alarm rate and power by simulation, next to the independent-sample rule on the
/// same data: TTFB = a queue wait both trials of a block share (uniform 35–993 ms, slurmctld's tick) + 650 ms of work
/// with 3% noise of its own, 10 blocks per experiment.</summary>
public sealed class PairedComparerSimulationTests(ITestOutputHelper output)
{
    private const int Blocks = 10;
    private const int Experiments = 400;

    [Fact]
    [Trait("Category", "Simulation")]
    public void Compare_AaBlocksWithSharedQueueNoise_AlarmAtTheNominalLevelOrBelow()
    {
        var (paired, unpaired, pairedNoChange, _) = Rates(shift: 1.0, seed: 20261206);

        output.WriteLine($"A/A, {Experiments} experiments of {Blocks} blocks: false alarms paired {paired:P2}, "
                         + $"unpaired {unpaired:P2}; no_change paired {pairedNoChange:P1}");
        // α = 0.01; 400 experiments put a true 1% rate above 2.5% with probability < 0.5%.
        Assert.True(paired <= 0.025, $"paired false-alarm rate {paired:P2} > 2.5% at α = 1%");
    }

    [Fact]
    [Trait("Category", "Simulation")]
    public void Compare_WorkTenPercentSlowerWithSharedQueueNoise_PairedFindsItFarMoreOftenThanUnpaired()
    {
        var (paired, unpaired, _, _) = Rates(shift: 1.10, seed: 20261207);

        output.WriteLine($"work +10% (TTFB about +5.6%), {Experiments} experiments of {Blocks} blocks: "
                         + $"power paired {paired:P1}, unpaired {unpaired:P1}");
        Assert.True(paired >= 0.8, $"paired power {paired:P1} < 80%");
        Assert.True(paired > unpaired + 0.3, $"paired power {paired:P1} not well above unpaired {unpaired:P1}");
    }

    /// <summary>The share of experiments each rule called a regression or improvement (and, for the paired rule,
    /// no_change) when B's work is <paramref name="shift"/> times A's.</summary>
    private static (double Paired, double Unpaired, double PairedNoChange, double UnpairedNoChange) Rates(
        double shift, int seed)
    {
        var random = new Random(seed);
        int paired = 0, unpaired = 0, pairedNoChange = 0, unpairedNoChange = 0;
        for (var i = 0; i < Experiments; i++)
        {
            var pairs = new List<(double A, double B)>();
            for (var k = 0; k < Blocks; k++)
            {
                var queue = 35 + (958 * random.NextDouble());
                pairs.Add((queue + (650 * Noise(random)), queue + (650 * shift * Noise(random))));
            }

            var a = pairs.Select(p => p.A).ToList();
            var b = pairs.Select(p => p.B).ToList();
            var p1 = PairedComparer.Compare("ttfb", a, b, pairs, VerdictPolicy.Default).Verdict;
            var fast = VerdictPolicy.Default with { BootstrapIterations = 500 };
            var p2 = MetricComparer.Compare("ttfb", a, b, fast, i).Verdict;
            if (p1 is Verdict.Regression or Verdict.Improvement) paired++;
            if (p2 is Verdict.Regression or Verdict.Improvement) unpaired++;
            if (p1 == Verdict.NoChange) pairedNoChange++;
            if (p2 == Verdict.NoChange) unpairedNoChange++;
        }

        double Share(int count) => (double)count / Experiments;
        return (Share(paired), Share(unpaired), Share(pairedNoChange), Share(unpairedNoChange));
    }

    private static double Noise(Random random) => Math.Exp(0.03 * Samples.StandardNormal(random));
}
