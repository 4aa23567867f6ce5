using AiLab.Core.Metrics;
using AiLab.Core.Verdicts;
using AiLab.Lab.Analysis;
using AiLab.Lab.Experiments;

namespace AiLab.Lab.Tests.Experiments;

/// <summary>Whether an inconclusive look of the default design is worth extending.</summary>
public sealed class ExtensionJudgeTests
{
    private static ExperimentVerdict Inconclusive(double change, double halfWidth, int? pairedBlocks)
    {
        var s = new SampleSummary(10, 1000, 1000, 10, 990, 1010);
        return new ExperimentVerdict
        {
            Overall = Verdict.Inconclusive,
            PrimaryMetric = "ttfb",
            Metrics =
            [
                new MetricComparison
                {
                    Name = "ttfb", Unit = MetricUnit.Milliseconds, A = s, B = s,
                    ChangePct = change, CiPct = [change - halfWidth, change + halfWidth],
                    PairedBlocks = pairedBlocks, Verdict = Verdict.Inconclusive, Reason = "test",
                },
            ],
        };
    }

    [Fact]
    public void Judge_PairedIntervalWhoseTQuantileShrinksIntoTheMargin_Extends()
    {
        // ±9.5% at 10 blocks: ×√(10/30) alone gives ±5.48% at the cap, outside ±5%; the t quantile also drops from
        // t(0.975, 9) = 2.262 to t(0.975, 29) = 2.045 (scipy), so the paired interval projects to ±4.96%.
        var plan = ExtensionDesign.Plan(10, 0.01);

        var decision = ExtensionJudge.Judge(plan, 0, Inconclusive(2.5, 9.5, 10), VerdictPolicy.Default, false);

        Assert.True(decision.Extend, decision.Reason);
        Assert.Equal(20, decision.NextTrials);
        Assert.Contains("±5.0% projected at the cap of 30", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_UnpairedIntervalOfTheSameWidth_StopsForNoise()
    {
        var plan = ExtensionDesign.Plan(10, 0.01);

        var decision = ExtensionJudge.Judge(plan, 0, Inconclusive(2.5, 9.5, null), VerdictPolicy.Default, false);

        Assert.False(decision.Extend);
        Assert.Contains("±5.5% projected at the cap of 30 would still not decide", decision.Reason,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_PairedIntervalTooWideEvenWithTheShrink_StopsForNoise()
    {
        var plan = ExtensionDesign.Plan(10, 0.01);

        var decision = ExtensionJudge.Judge(plan, 0, Inconclusive(6.3, 10.2, 10), VerdictPolicy.Default, false);

        Assert.False(decision.Extend, decision.Reason);
    }
}
