using System.Text.Json;
using AiLab.Stats.Calibration;
using AiLab.Testing.Noise;

namespace AiLab.Stats.Tests.Calibration;

public sealed class ThresholdSelectorTests
{
    private static readonly ThresholdSelectorOptions Fast = new() { NullExperiments = 20_000, ShiftedExperiments = 1000 };

    [Fact]
    public void Select_LognormalPool_WelchThresholdIsTheTQuantileAtTheBudget()
    {
        // For lognormal data Welch's t on logs is (nearly) Student t with 2n − 2 df, so calibration must land on the
        // textbook quantile: scipy.stats.t.ppf(1 - 0.01/2, 38) = 2.7116, within Monte Carlo error.
        var pool = new SyntheticNoise(LogSd: 0.03, TailShare: 0).Sample(2000, new Random(5));

        var selection = ThresholdSelector.Select(pool, 20, 0.01, Fast with { Detectors = [Detector.WelchLogT] });

        var welch = Assert.Single(selection.Candidates);
        Tolerance.Close(2.7116, welch.Threshold, relative: 0.04, what: "Welch threshold");
        Tolerance.Close(2.7116, welch.ReferenceQuantile, relative: 1e-4, what: "t quantile");
        Assert.True(selection.Fpr <= 0.0101, $"fpr {selection.Fpr}");
    }

    [Fact]
    public void Select_AnyPool_RocIsMonotoneAndPowerGrowsWithTheShift()
    {
        var pool = new SyntheticNoise().Sample(300, new Random(11));

        var selection = ThresholdSelector.Select(pool, 15, 0.001, Fast);

        foreach (var candidate in selection.Candidates)
        {
            for (var i = 1; i < candidate.Roc.Count; i++)
            {
                Assert.True(candidate.Roc[i].Threshold > candidate.Roc[i - 1].Threshold);
                Assert.True(candidate.Roc[i].Fpr <= candidate.Roc[i - 1].Fpr, $"{candidate.Detector} FPR rises at point {i}");
                Assert.True(candidate.Roc[i].Tpr <= candidate.Roc[i - 1].Tpr, $"{candidate.Detector} TPR rises at point {i}");
            }

            for (var i = 1; i < candidate.Power.Count; i++)
            {
                Assert.True(candidate.Power[i].Tpr >= candidate.Power[i - 1].Tpr, $"{candidate.Detector} power falls at {candidate.Power[i].Shift}");
            }

            Assert.True(candidate.Fpr <= 0.001 + 1e-12, $"{candidate.Detector} fpr {candidate.Fpr}");
        }

        Assert.Equal(selection.Candidates.Max(c => c.TprAtDesignShift), selection.Tpr);
        Assert.True(selection.MinDetectableShift80 <= selection.MinDetectableShift90);
    }

    [Fact]
    public void Select_BudgetTooSmallForTheEmpiricalTail_UsesTheParametricFitAndSaysSo()
    {
        var pool = new SyntheticNoise(TailShare: 0).Sample(400, new Random(3));

        var selection = ThresholdSelector.Select(pool, 20, 1e-5, Fast);

        Assert.All(selection.Candidates, c => Assert.Null(c.EmpiricalThreshold));
        Assert.Equal(ThresholdSource.Parametric, selection.Source);
        Assert.Contains("too thin", selection.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_SameSeed_IsDeterministicAndSerializesAsJson()
    {
        var pool = new SyntheticNoise().Sample(30, new Random(9));
        var options = Fast with { NullExperiments = 4000, ShiftedExperiments = 300, Seed = 42 };

        var first = ThresholdSelector.Select(pool, 10, 0.01, options);
        var second = ThresholdSelector.Select(pool, 10, 0.01, options);
        var json = JsonSerializer.Serialize(first);
        var back = JsonSerializer.Deserialize<ThresholdSelection>(json)!;

        Assert.Equal(first.Threshold, second.Threshold);
        Assert.Equal(first.Why, second.Why);
        Assert.Equal(first.Threshold, back.Threshold);
        Assert.Equal(first.Candidates.Count, back.Candidates.Count);
        Assert.Contains("pool holds only 30 values", first.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ClearRegression_AlarmsWithPositiveDirection()
    {
        var random = new Random(1);
        var noise = new SyntheticNoise(TailShare: 0);
        var selection = ThresholdSelector.Select(noise.Sample(200, random), 10, 0.01, Fast with { NullExperiments = 4000, ShiftedExperiments = 300 });

        var decision = selection.Decide(noise.Sample(10, random), noise.Sample(10, random).Select(v => v * 1.2).ToArray());

        Assert.Equal(1, decision.Direction);
        Assert.True(decision.Statistic > decision.Threshold);
    }

    [Fact]
    public void Select_PoolSmallerThanTwoSamples_ThrowsNamingTheNeed()
    {
        var pool = new SyntheticNoise().Sample(30, new Random(1));

        var error = Assert.Throws<ArgumentException>(() => ThresholdSelector.Select(pool, 20, 0.001));

        Assert.Contains("record at least 40 A/A trials", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_NonPositiveValue_Throws()
    {
        var pool = new SyntheticNoise().Sample(60, new Random(1));
        pool[7] = 0;

        Assert.Throws<ArgumentException>(() => ThresholdSelector.Select(pool, 10, 0.01));
    }
}
