using AiLab.Stats.Calibration;
using AiLab.Stats.Sequential;
using AiLab.Testing.Noise;

namespace AiLab.Stats.Tests.Sequential;

public sealed class SequentialDesignTests
{
    [Fact]
    public void Plan_TypicalTtfbNoise_ReachesThePowerWithAMaximumNearTheFixedDesign()
    {
        var design = SequentialDesign.Plan(alpha: 0.001, power: 0.9, equivalenceMargin: 0.03, logSd: 0.03, lookCount: 5);

        Assert.InRange(design.Power, 0.895, 0.95);
        Assert.Equal(5, design.Looks.Count);
        // O'Brien–Fleming-type spending costs a few percent of maximum sample size (Jennison & Turnbull, Table 7.6).
        Assert.InRange(design.MaxTrials, design.FixedTrials, (int)Math.Ceiling(design.FixedTrials * 1.2));
        Assert.Equal(design.EfficacyBoundaries[^1], design.FutilityBoundaries[^1]);
        Assert.True(design.ExpectedTrials(0) < 0.75 * design.FixedTrials, $"E[n | no change] = {design.ExpectedTrials(0)} vs fixed {design.FixedTrials}");
        Assert.True(design.ExpectedTrials(0.03) < design.FixedTrials, $"E[n | 3%] = {design.ExpectedTrials(0.03)} vs fixed {design.FixedTrials}");
    }

    [Fact]
    public void FixedDesignTrials_KnownFormula_MatchesHandComputation()
    {
        // 2·(σ/ln 1.03)²·(z_.9995 + z_.9)² = 2·(0.03/0.029559)²·(3.2905 + 1.2816)² = 43.07 → 44.
        Assert.Equal(44, SequentialDesign.FixedDesignTrials(0.001, 0.9, 0.03, 0.03));
    }

    [Fact]
    public void Evaluate_LargeShift_StopsForRegressionAtTheFirstLook()
    {
        var design = SequentialDesign.Create(0.01, [10, 20, 30], 0.03, 0.03);
        var random = new Random(1);
        var noise = new SyntheticNoise(LogSd: 0.03, TailShare: 0);

        var decision = design.Evaluate(noise.Sample(10, random), noise.Sample(10, random).Select(v => v * 1.25).ToArray(), 0);

        Assert.Equal(SequentialAction.StopRegression, decision.Action);
        Assert.True(decision.Statistic >= decision.Boundary);
        Assert.InRange(decision.ChangePct, 15, 35);
        Assert.Contains("look 1/3", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LastLookWithoutCrossing_StopsForNoChange()
    {
        var design = SequentialDesign.Create(0.01, [10, 20, 30], 0.03, 0.03);
        var random = new Random(2);
        var noise = new SyntheticNoise(LogSd: 0.03, TailShare: 0);

        var decision = design.Evaluate(noise.Sample(30, random), noise.Sample(30, random), 2);

        Assert.Equal(SequentialAction.StopNoChange, decision.Action);
    }

    [Fact]
    public void Evaluate_NullInflation_ShrinksTheStatistic()
    {
        var plain = SequentialDesign.Create(0.01, [10, 20], 0.03, 0.03);
        var inflated = SequentialDesign.Create(0.01, [10, 20], 0.03, 0.03, nullInflation: 1.5);
        var random = new Random(3);
        var a = new SyntheticNoise().Sample(10, random);
        var b = new SyntheticNoise().Sample(10, random).Select(v => v * 1.02).ToArray();

        Tolerance.Close(plain.Evaluate(a, b, 0).Statistic / 1.5, inflated.Evaluate(a, b, 0).Statistic, relative: 1e-12);
        Assert.True(inflated.MaxTrials == plain.MaxTrials && inflated.Power < plain.Power);
    }

    [Fact]
    public void ToNormalScale_StudentT_MapsToTheSameTailProbability()
    {
        // scipy: norm.isf(t.sf(3.0, 10)) = 2.47446324484
        Tolerance.Close(2.47446324484, SequentialDesign.ToNormalScale(3.0, 10), relative: 1e-8);
        Tolerance.Close(-2.47446324484, SequentialDesign.ToNormalScale(-3.0, 10), relative: 1e-8);
    }

    [Theory]
    [InlineData(0.7, 0.03, 0.03, "alpha")]
    [InlineData(0.01, 0, 0.03, "equivalence margin")]
    [InlineData(0.01, 0.03, -1, "noise")]
    public void Create_BadSettings_ThrowNamingTheSetting(double alpha, double margin, double logSd, string fragment)
    {
        var error = Assert.Throws<ArgumentException>(() => SequentialDesign.Create(alpha, [10, 20], margin, logSd));

        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_LooksNotIncreasing_Throws()
    {
        Assert.Throws<ArgumentException>(() => SequentialDesign.Create(0.01, [10, 10, 20], 0.03, 0.03));
        Assert.Throws<ArgumentOutOfRangeException>(() => SequentialDesign.Create(0.01, [10, 20], 0.03, 0.03).Evaluate([1, 2], [1, 2], 2));
    }
}
