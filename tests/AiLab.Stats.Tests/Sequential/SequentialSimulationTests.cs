using AiLab.Stats.Calibration;
using AiLab.Stats.Sequential;
using AiLab.Testing.Noise;
using Xunit.Abstractions;

namespace AiLab.Stats.Tests.Sequential;

/// <summary>Optional stopping, simulated: the design's false-positive rate stays at α where naive peeking at a fixed
/// |z| ≥ 1.96 does not, and it uses fewer trials than the fixed design.</summary>
public sealed class SequentialSimulationTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Simulation")]
    public void Evaluate_AaExperimentsWithOptionalStopping_KeepsAlphaWhereNaivePeekingDoesNot()
    {
        const double Alpha = 0.05;
        const int Experiments = 3000;
        var design = SequentialDesign.Create(Alpha, [6, 12, 18, 24, 30], 0.03, 0.03);
        var noise = new SyntheticNoise(LogSd: 0.03, TailShare: 0);
        var random = new Random(8);
        int alarms = 0, naiveAlarms = 0;
        long trials = 0;
        for (var e = 0; e < Experiments; e++)
        {
            var a = noise.Sample(30, random);
            var b = noise.Sample(30, random);
            var stopped = false;
            var naive = false;
            for (var k = 0; k < design.Looks.Count; k++)
            {
                var n = design.Looks[k];
                var decision = design.Evaluate(a[..n], b[..n], k);
                naive |= Math.Abs(decision.Statistic) >= 1.96;
                if (!stopped && decision.Action != SequentialAction.Continue)
                {
                    stopped = true;
                    trials += n;
                    alarms += decision.Action is SequentialAction.StopRegression or SequentialAction.StopImprovement ? 1 : 0;
                }
            }

            naiveAlarms += naive ? 1 : 0;
        }

        var (low, _) = WilsonInterval.Compute(alarms, Experiments);
        var (naiveLow, _) = WilsonInterval.Compute(naiveAlarms, Experiments);
        var message = $"sequential {alarms}/{Experiments} (Wilson low {low:0.####}), naive peeking {naiveAlarms}/{Experiments} " +
                      $"(low {naiveLow:0.####}), mean trials {trials / (double)Experiments:0.#} of max 30, predicted {design.ExpectedTrials(0):0.#}";
        output.WriteLine(message);

        Assert.True(low <= Alpha, message);
        Assert.True(naiveLow > Alpha, message); // five looks at 1.96 give about 14% (Armitage et al. 1969)
        Tolerance.Close(design.ExpectedTrials(0), trials / (double)Experiments, relative: 0.06, what: "mean trials under no change");
    }
}
