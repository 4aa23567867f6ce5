using AiLab.Core.Verdicts;
using AiLab.Lab.Analysis;
using AiLab.Lab.Experiments;
using Xunit.Abstractions;

namespace AiLab.Lab.Tests.Experiments;

/// <summary>The default design (looks at 10, 20, 30 blocks, Pocock nominal levels) run on paired experiments, with
/// the extension decided by <see cref="ExtensionJudge"/>: false alarms under no change, and no change wrongly
/// concluded when B is truly 5% slower (the margin's edge). Per-block log(B/A) noise of sd ≈ 0.127 puts the first
/// look's interval near ±9.5%, where the paired projection's t-quantile factor decides whether to extend.</summary>
public sealed class ExtensionJudgeSimulationTests(ITestOutputHelper output)
{
    private const int Experiments = 2000;
    private const int Cap = 30;

    [Fact]
    [Trait("Category", "Simulation")]
    public void Judge_PairedAaUnderTheDefaultDesign_FalseAlarmsAtAlphaOrBelow()
    {
        var (alarms, noChange, extended) = Run(shift: 1.0, seed: 20261206);

        output.WriteLine($"A/A, {Experiments} paired experiments: false alarms {alarms:P2} (α = 1%), "
                         + $"no_change {noChange:P1}, extended at least once {extended:P1}");
        // A true rate of 1% exceeds 2% in 2000 experiments with probability < 0.1%.
        Assert.True(alarms <= 0.02, $"false-alarm rate {alarms:P2} > 2% at α = 1%");
    }

    [Fact]
    [Trait("Category", "Simulation")]
    public void Judge_BTrulyFivePercentSlower_RarelyConcludesNoChange()
    {
        var (alarms, noChange, _) = Run(shift: 1.05, seed: 20261207);

        output.WriteLine($"B +5% (the margin), {Experiments} paired experiments: no_change {noChange:P2}, "
                         + $"regression {alarms:P1}");
        // no_change needs the 95% interval inside ±5%: at the margin's edge that happens at most 2.5% per look.
        Assert.True(noChange <= 0.05, $"no_change at a true +5% in {noChange:P2} of experiments");
    }

    private static (double Alarms, double NoChange, double Extended) Run(double shift, int seed)
    {
        var plan = ExtensionDesign.Plan(10, 0.01);
        var random = new Random(seed);
        int alarms = 0, noChange = 0, extended = 0;
        for (var i = 0; i < Experiments; i++)
        {
            var pairs = Enumerable.Range(0, Cap)
                .Select(_ => (A: Trial(random, 1.0), B: Trial(random, shift))).ToList();
            for (var look = 0; look < plan.Looks.Count; look++)
            {
                var blocks = pairs.Take(plan.Looks[look]).ToList();
                var policy = VerdictPolicy.Default with { Alpha = plan.NominalAlphas[look] };
                var ttfb = PairedComparer.Compare("ttfb", blocks.Select(p => p.A).ToList(),
                    blocks.Select(p => p.B).ToList(), blocks, policy);
                var verdict = new ExperimentVerdict
                {
                    Overall = ttfb.Verdict, PrimaryMetric = "ttfb", Metrics = [ttfb],
                };
                if (ttfb.Verdict is Verdict.Regression or Verdict.Improvement) alarms++;
                if (ttfb.Verdict == Verdict.NoChange) noChange++;
                if (!ExtensionJudge.Judge(plan, look, verdict, policy, false).Extend) break;
                if (look == 0) extended++;
            }
        }

        return (alarms / (double)Experiments, noChange / (double)Experiments, extended / (double)Experiments);
    }

    private static double Trial(Random random, double shift) =>
        1000 * shift * Math.Exp(0.09 * Samples.StandardNormal(random));
}
