using AiLab.Stats.Calibration;
using AiLab.Testing.Noise;
using Xunit.Abstractions;

namespace AiLab.Stats.Tests.Calibration;

/// <summary>
/// Is the calibrated false-positive rate honest on data the calibration never saw? Fit on one pool, then count
/// alarms on fresh independent A/A experiments from the same distribution. Small pools (2n ≤ P ≤ 4n) are the
/// dangerous case: their splits overlap, so the pool's own null looks tighter than the truth.
/// </summary>
public sealed class ThresholdHonestySimulationTests(ITestOutputHelper output)
{
    [Theory]
    [Trait("Category", "Simulation")]
    [InlineData(40, 0.0, 0.0)] // the smallest pool a split of 2×20 allows, lognormal
    [InlineData(40, 0.05, 0.2)] // the same, with a heavy right tail
    [InlineData(200, 0.05, 0.2)]
    public void Select_FreshA_AExperiments_FalsePositiveRateStaysWithinTheBudget(int poolSize, double tailShare, double tailMean)
    {
        const double Budget = 0.01;
        const int PerSide = 20;
        const int Pools = 12;
        const int FreshPerPool = 1000;
        var noise = new SyntheticNoise(LogSd: 0.03, TailShare: tailShare, TailMean: tailMean);
        var random = new Random(poolSize + (int)(tailShare * 100));
        var alarms = 0;
        var options = new ThresholdSelectorOptions { NullExperiments = 4000, ShiftedExperiments = 200 };
        var chosen = new List<string>();
        for (var p = 0; p < Pools; p++)
        {
            var selection = ThresholdSelector.Select(noise.Sample(poolSize, random), PerSide, Budget, options with { Seed = p });
            chosen.Add($"{selection.Detector}>{selection.Threshold:0.####}");
            for (var e = 0; e < FreshPerPool; e++)
            {
                alarms += selection.Decide(noise.Sample(PerSide, random), noise.Sample(PerSide, random)).Alarm ? 1 : 0;
            }
        }

        var trials = Pools * FreshPerPool;
        var (low, high) = WilsonInterval.Compute(alarms, trials);
        var message = $"pool {poolSize}, tail {tailShare}: {alarms}/{trials} = {alarms / (double)trials:0.####} [95% {low:0.####}, {high:0.####}] " +
                      $"vs budget {Budget}; thresholds {string.Join(", ", chosen)}";
        output.WriteLine(message);

        // Honest means the whole interval is not above the budget: the rate may be lower (conservative), not higher.
        Assert.True(low <= Budget, message);
    }
}
