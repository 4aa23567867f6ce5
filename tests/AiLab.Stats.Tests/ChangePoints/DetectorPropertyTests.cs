using AiLab.Stats.ChangePoints;

namespace AiLab.Stats.Tests.ChangePoints;

/// <summary>What the detectors must do at their defaults on histories whose truth is known.</summary>
public sealed class DetectorPropertyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Detect_CleanStep_FindsOneChangeAtTheFirstNewIndex(int seed)
    {
        // A 5% TTFB regression with 0.5% noise, 40 commits either side.
        var history = SyntheticSeries.Steps(seed, 0.5, (40, 100), (40, 105));

        var found = ChangePointDetector.Detect(history);

        var change = Assert.Single(found);
        Assert.Equal(40, change.Index);
        Assert.InRange(change.RelativeChange, 0.04, 0.06);
        Assert.True(change.PValue < 1e-6, $"p = {change.PValue}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void PeltDetect_CleanStep_FindsOneChangeAtTheFirstNewIndex(int seed)
    {
        var history = SyntheticSeries.Steps(seed, 0.5, (40, 100), (40, 105));

        var change = Assert.Single(Pelt.Detect(history));

        Assert.Equal(40, change.Index);
    }

    [Fact]
    public void Detect_ConstantHistory_FindsNothing()
    {
        var history = Enumerable.Repeat(123.0, 200).ToArray();

        Assert.Empty(ChangePointDetector.Detect(history));
        Assert.Empty(Pelt.Detect(history));
    }

    [Fact]
    [Trait("Category", "Simulation")]
    public void Detect_NoiseOnly_RarelyFindsAnything()
    {
        // Forty 300-commit histories of pure noise: the search tests hundreds of splits in each, so an occasional
        // false alarm is expected (about 7% of such histories in a 200-seed run; Otava's plain test, about 22%).
        var alarmed = Enumerable.Range(1, 40).Count(seed => ChangePointDetector.Detect(SyntheticSeries.Steps(seed, 1.0, (300, 100))).Count > 0);
        var alarmedPlain = Enumerable.Range(1, 40)
            .Count(seed => EDivisive.Detect(SyntheticSeries.Steps(seed, 1.0, (300, 100)), EDivisiveOptions.Otava).Count > 0);

        Assert.InRange(alarmed, 0, 4);
        Assert.True(alarmed < alarmedPlain, $"default {alarmed}, Otava {alarmedPlain}");
    }

    [Fact]
    public void Detect_SlowDriftOfSmallSteps_FindsTheStepsAndTheWholeRise()
    {
        // Ten 1% steps, 30 commits apart, under 0.5% noise: no single step is alarming, the 10% drift is.
        var segments = Enumerable.Range(0, 11).Select(k => (30, 100.0 + k)).ToArray();
        var history = SyntheticSeries.Steps(seed: 7, sigma: 0.5, segments);
        var trueSteps = Enumerable.Range(1, 10).Select(k => 30 * k).ToArray();

        var found = ChangePointDetector.Detect(history);

        var matched = trueSteps.Count(t => found.Any(c => Math.Abs(c.Index - t) <= 2));
        Assert.True(matched >= 7, $"found {string.Join(", ", found.Select(c => c.Index))}");
        Assert.True(found.All(c => c.MeanAfter > c.MeanBefore), "every change in a rising drift must be a rise");
        Assert.InRange(found[^1].MeanAfter / found[0].MeanBefore - 1, 0.08, 0.12);
    }

    [Fact]
    public void Detect_EmptyAndTinyHistories_FindNothing()
    {
        Assert.Empty(ChangePointDetector.Detect([]));
        Assert.Empty(ChangePointDetector.Detect([1.0]));
        Assert.Empty(ChangePointDetector.Detect([1.0, 2.0]));
        Assert.Empty(Pelt.Detect([1.0, 2.0]));
    }

    [Fact]
    public void Detect_NonFiniteValue_Throws()
    {
        Assert.Throws<ArgumentException>(() => ChangePointDetector.Detect([1.0, double.NaN, 2.0]));
        Assert.Throws<ArgumentException>(() => Pelt.Detect([1.0, double.PositiveInfinity, 2.0]));
    }

    [Fact]
    public void Detect_InvalidOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EDivisive.Detect([1.0, 2.0], new EDivisiveOptions { WindowLength = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => EDivisive.Detect([1.0, 2.0], new EDivisiveOptions { MaxPValue = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pelt.Detect([1.0, 2.0], new PeltOptions { MinSegmentLength = 1 }));
    }
}
