using System.Diagnostics;
using AiLab.Core.Verdicts;
using AiLab.Lab.Analysis;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Analysis;

public sealed class MetricComparerSimulationTests
{
    [Fact]
    [Trait("Category", "Simulation")]
    public void Compare_AaExperimentsWithTtfbNoise_RarelyClaimAChange()
    {
        const int experiments = 200;
        var random = new Random(20260304);
        var falseAlarms = 0;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < experiments; i++)
        {
            var a = Samples.LogNormal(random, 10, 2000, 0.03);
            var b = Samples.LogNormal(random, 10, 2000, 0.03);
            var verdict = MetricComparer.Compare("ttfb", a, b, VerdictPolicy.Default, seed: i).Verdict;
            if (verdict is Verdict.Regression or Verdict.Improvement) falseAlarms++;
        }

        var rate = (double)falseAlarms / experiments;
        Assert.True(rate <= 0.02,
            $"{falseAlarms} of {experiments} A/A comparisons ({rate:P1}) claimed a change; policy alpha is {VerdictPolicy.Default.Alpha} " +
            $"(took {stopwatch.ElapsedMilliseconds} ms)");
    }
}
