using AiLab.Core.Metrics;
using AiLab.Core.Verdicts;
using AiLab.Lab.Confirmation;

namespace AiLab.Lab.Tests.Confirmation;

public sealed class ConfirmationJudgeTests
{
    [Fact]
    public void Judge_SameDirectionOverlappingIntervals_KeepsTheVerdictAndCarriesBothPiecesOfEvidence()
    {
        var original = Verdict(Core.Verdicts.Verdict.Regression, 8.0, 6.0, 10.0, "phase:config_validation");
        var confirming = Verdict(Core.Verdicts.Verdict.Regression, 7.0, 5.0, 9.0, "phase:config_validation");

        var settled = ConfirmationJudge.Judge(original, "ab-2", confirming, null);

        Assert.Equal(Core.Verdicts.Verdict.Regression, settled.Overall);
        Assert.Equal("phase:config_validation", settled.Cause);
        var c = Assert.IsType<ConfirmationResult>(settled.Confirmation);
        Assert.True(c.Confirmed);
        Assert.Equal("ab-2", c.ExperimentId);
        Assert.Equal(Core.Verdicts.Verdict.Regression, c.Original);
        Assert.Equal(Core.Verdicts.Verdict.Regression, c.Confirming);
        Assert.Equal(7.0, c.ChangePct);
        Assert.Equal([5.0, 9.0], c.CiPct);
        Assert.Contains("reproduced", c.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Core.Verdicts.Verdict.NoChange)]
    [InlineData(Core.Verdicts.Verdict.Inconclusive)]
    [InlineData(Core.Verdicts.Verdict.Improvement)]
    public void Judge_NotReproduced_IsInconclusiveAndSaysWhatTheFreshTrialsSaid(Verdict second)
    {
        var original = Verdict(Core.Verdicts.Verdict.Regression, 8.0, 6.0, 10.0, "phase:imports");
        var confirming = Verdict(second, 0.5, -1.0, 2.0, null);

        var settled = ConfirmationJudge.Judge(original, "ab-2", confirming, null);

        Assert.Equal(Core.Verdicts.Verdict.Inconclusive, settled.Overall);
        Assert.Null(settled.Cause);
        Assert.False(settled.Confirmation!.Confirmed);
        Assert.Contains("did not reproduce the regression", settled.Confirmation.Reason, StringComparison.Ordinal);
        Assert.Contains(second.ToWire(), settled.Confirmation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_SameDirectionDisjointIntervals_IsConfirmedAndSaysTheSizeIsNotStable()
    {
        var original = Verdict(Core.Verdicts.Verdict.Improvement, -3.0, -4.0, -2.0, null);
        var confirming = Verdict(Core.Verdicts.Verdict.Improvement, -20.0, -25.0, -15.0, null);

        var settled = ConfirmationJudge.Judge(original, "ab-2", confirming, null);

        Assert.Equal(Core.Verdicts.Verdict.Improvement, settled.Overall);
        Assert.True(settled.Confirmation!.Confirmed);
        Assert.Contains("at another size", settled.Confirmation.Reason, StringComparison.Ordinal);
        Assert.Contains("the smaller, -3.0% CI [-4.0%, -2.0%]", settled.Confirmation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ConfirmingIntervalMissesTheOriginalsByATenthOfAPoint_IsConfirmed()
    {
        // Seen under load with `ab --profile`: [+4.0, +7.1]% against [+7.2, +10.1]% used to give inconclusive.
        var original = Verdict(Core.Verdicts.Verdict.Regression, 8.6, 7.2, 10.1, null);
        var confirming = Verdict(Core.Verdicts.Verdict.Regression, 5.5, 4.0, 7.1, null);

        var settled = ConfirmationJudge.Judge(original, "ab-2", confirming, null);

        Assert.Equal(Core.Verdicts.Verdict.Regression, settled.Overall);
        Assert.Contains("size is not stable", settled.Confirmation!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ConfirmationCouldNotRun_IsInconclusiveWithTheFailure()
    {
        var original = Verdict(Core.Verdicts.Verdict.Regression, 8.0, 6.0, 10.0, null);

        var settled = ConfirmationJudge.Judge(original, "ab-2", null, "variant B could not be prepared: exit 2");

        Assert.Equal(Core.Verdicts.Verdict.Inconclusive, settled.Overall);
        Assert.Null(settled.Confirmation!.Confirming);
        Assert.Contains("exit 2", settled.Confirmation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_NoChangeOriginal_IsRejected()
    {
        var original = Verdict(Core.Verdicts.Verdict.NoChange, 0.1, -1, 1, null);

        Assert.Throws<ArgumentException>(() => ConfirmationJudge.Judge(original, "ab-2", original, null));
        Assert.False(ConfirmationJudge.Needs(original));
    }

    [Fact]
    public void Judge_OriginalByTtfbConfirmingByPhase_ComparesThePhaseShiftNotTtfb()
    {
        // Issue 8: TTFB +19.7% (import noise on top of +120 ms) first; the fresh trials' TTFB is inconclusive but
        // config validation decides. TTFB's intervals would not overlap; the phase's shifts agree.
        var original = PhaseVerdict(Core.Verdicts.Verdict.Regression, ttfbLow: 15, ttfbHigh: 24, 120.8, 119.5, 122.0, "ttfb");
        var confirming = PhaseVerdict(Core.Verdicts.Verdict.Regression, ttfbLow: 0.5, ttfbHigh: 12, 121.6, 120.9, 122.4,
                                      "phase:config_validation");

        var settled = ConfirmationJudge.Judge(original, "ab-2", confirming, null);

        Assert.Equal(Core.Verdicts.Verdict.Regression, settled.Overall);
        Assert.True(settled.Confirmation!.Confirmed, settled.Confirmation.Reason);
        Assert.Contains("on phase:config_validation", settled.Confirmation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_PhaseShiftsTooNarrowToOverlapButWithinTenPercent_AreTheSameChange()
    {
        var original = PhaseVerdict(Core.Verdicts.Verdict.Regression, 10, 14, 120.6, 119.8, 121.5, "phase:config_validation");
        var confirming = PhaseVerdict(Core.Verdicts.Verdict.Regression, 10, 14, 123.0, 122.4, 123.6, "phase:config_validation");

        var settled = ConfirmationJudge.Judge(original, "ab-2", confirming, null);

        Assert.True(settled.Confirmation!.Confirmed, settled.Confirmation.Reason);
    }

    [Fact]
    public void Judge_PhaseShiftOfAnotherSize_IsConfirmedQuotingTheSmaller()
    {
        var original = PhaseVerdict(Core.Verdicts.Verdict.Regression, 10, 14, 120.6, 119.8, 121.5, "phase:config_validation");
        var confirming = PhaseVerdict(Core.Verdicts.Verdict.Regression, 3, 6, 45.0, 44.0, 46.0, "phase:config_validation");

        var settled = ConfirmationJudge.Judge(original, "ab-2", confirming, null);

        Assert.Equal(Core.Verdicts.Verdict.Regression, settled.Overall);
        Assert.Contains("regression on phase:config_validation at another size", settled.Confirmation!.Reason,
            StringComparison.Ordinal);
        Assert.Contains("the smaller, +45.0 ms", settled.Confirmation.Reason, StringComparison.Ordinal);
    }

    private static ExperimentVerdict PhaseVerdict(
        Verdict overall, double ttfbLow, double ttfbHigh, double phaseDiff, double phaseLow, double phaseHigh, string decidedBy)
    {
        var ttfb = Verdict(overall, (ttfbLow + ttfbHigh) / 2, ttfbLow, ttfbHigh, "phase:config_validation");
        var s = new SampleSummary(10, 0.2, 0.2, 0.01, 0.18, 0.22);
        var phase = new MetricComparison
        {
            Name = "phase:config_validation", Unit = MetricUnit.Milliseconds,
            A = s, B = s, ChangePct = 60000, CiPct = [50000, 70000],
            Diff = phaseDiff, CiDiff = [phaseLow, phaseHigh], Verdict = overall, Reason = "test",
        };
        return ttfb with
        {
            Metrics = [ttfb.Metrics[0], phase],
            Basis = new DecisionBasis { Test = DecisionTest.WelchLogT, ThresholdSource = "test", TrialsA = 10, TrialsB = 10, DecidedBy = decidedBy },
        };
    }

    private static ExperimentVerdict Verdict(Verdict overall, double change, double low, double high, string? cause)
    {
        var s = new SampleSummary(10, 1000, 1000, 10, 990, 1010);
        return new ExperimentVerdict
        {
            Overall = overall,
            PrimaryMetric = "ttfb",
            Cause = cause,
            Metrics =
            [
                new MetricComparison
                {
                    Name = "ttfb", Unit = MetricUnit.Milliseconds,
                    A = s, B = s, ChangePct = change, CiPct = [low, high],
                    Diff = change * 10, CiDiff = [low * 10, high * 10], Verdict = overall, Reason = "test",
                },
            ],
        };
    }
}
