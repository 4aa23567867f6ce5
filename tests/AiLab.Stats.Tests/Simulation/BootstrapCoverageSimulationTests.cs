using AiLab.Stats.Intervals;
using Xunit.Abstractions;

namespace AiLab.Stats.Tests.Simulation;

/// <summary>
/// Does the 95% percentile-bootstrap interval of the median ratio cover the true ratio about 95% of the time on
/// TTFB-like data? Lognormal noise (σ = 0.05), a known multiplicative shift, n = 12 per side, seeded.
/// Run alone with <c>dotnet test --filter Category=Simulation</c>; skip with <c>--filter Category!=Simulation</c>.
/// </summary>
public sealed class BootstrapCoverageSimulationTests(ITestOutputHelper output)
{
    private const int Replications = 400;
    private const int PerSide = 12;
    private const double Sigma = 0.05;
    private const double TrueRatio = 1.05;
    private const double BaselineMedian = 1000; // lognormal median = e^μ, so the candidate's is 1050

    [Fact]
    [Trait("Category", "Simulation")]
    public void MedianChange_LognormalTtfbNoiseN12_CoversTheTrueRatioNearNominal()
    {
        var random = new Random(20240611);
        var covered = 0;
        var coveredDifference = 0;
        for (var replication = 0; replication < Replications; replication++)
        {
            var baseline = Lognormal(random, BaselineMedian);
            var candidate = Lognormal(random, BaselineMedian * TrueRatio);

            var interval = Bootstrap.MedianChange(baseline, candidate, confidence: 0.95, iterations: 2000, seed: replication);

            covered += interval.RatioLow <= TrueRatio && TrueRatio <= interval.RatioHigh ? 1 : 0;
            var trueDifference = BaselineMedian * (TrueRatio - 1);
            coveredDifference += interval.DifferenceLow <= trueDifference && trueDifference <= interval.DifferenceHigh ? 1 : 0;
        }

        var coverage = covered / (double)Replications;
        var message = $"coverage of the ratio {coverage:F3}, of the difference {coveredDifference / (double)Replications:F3} " +
                      $"({Replications} replications, n = {PerSide}, σ = {Sigma})";
        output.WriteLine(message);

        // Nominal 0.95. With 400 replications the binomial standard error is about 0.011; percentile intervals of
        // medians at n = 12 may under-cover by a few points or, through the discreteness of the median, over-cover
        // slightly (4000 replications of this generator measured 0.963; these 400 give 0.945). Below 0.88 or above
        // 0.99 the interval is wrong, not noisy.
        Assert.True(coverage is >= 0.88 and <= 0.99, message);
    }

    private static double[] Lognormal(Random random, double median)
    {
        var sample = new double[PerSide];
        for (var i = 0; i < sample.Length; i++)
        {
            sample[i] = median * Math.Exp(Sigma * StandardNormal(random));
        }

        return sample;
    }

    // Box–Muller (1958); 1 − U keeps the logarithm away from zero.
    private static double StandardNormal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
