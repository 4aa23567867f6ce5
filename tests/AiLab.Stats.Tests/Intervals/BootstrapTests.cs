using AiLab.Stats.Estimators;
using AiLab.Stats.Intervals;

namespace AiLab.Stats.Tests.Intervals;

/// <summary>The bootstrap's contract: point estimates, determinism, degenerate samples and validation.</summary>
public sealed class BootstrapTests
{
    private static readonly double[] Baseline = [1010, 987, 1003, 995, 1021, 999, 1008, 992, 1015, 1001, 990, 1005];
    private static readonly double[] Candidate = [1061, 1049, 1038, 1055, 1070, 1044, 1052, 1066, 1047, 1058, 1041, 1063];

    [Fact]
    public void MedianChange_AnySamples_PointEstimatesComeFromTheOriginalSamples()
    {
        var result = Bootstrap.MedianChange(Baseline, Candidate);

        var (baselineMedian, candidateMedian) = (Descriptive.Median(Baseline), Descriptive.Median(Candidate));
        Assert.Equal(candidateMedian / baselineMedian, result.Ratio);
        Assert.Equal(candidateMedian - baselineMedian, result.Difference);
    }

    [Fact]
    public void MedianChange_ClearShift_IntervalsBracketTheEstimateAndExcludeNoChange()
    {
        var result = Bootstrap.MedianChange(Baseline, Candidate);

        Assert.InRange(result.Ratio, result.RatioLow, result.RatioHigh);
        Assert.InRange(result.Difference, result.DifferenceLow, result.DifferenceHigh);
        Assert.True(result.RatioLow > 1, $"RatioLow = {result.RatioLow}");
        Assert.True(result.DifferenceLow > 0, $"DifferenceLow = {result.DifferenceLow}");
    }

    [Fact]
    public void MedianChange_SameSeed_ReturnsTheSameInterval() =>
        Assert.Equal(Bootstrap.MedianChange(Baseline, Candidate, seed: 7), Bootstrap.MedianChange(Baseline, Candidate, seed: 7));

    [Fact]
    public void MedianChange_OtherSeed_ReturnsAnotherInterval() =>
        Assert.NotEqual(Bootstrap.MedianChange(Baseline, Candidate, seed: 7), Bootstrap.MedianChange(Baseline, Candidate, seed: 8));

    [Fact]
    public void MedianChange_HigherConfidence_GivesAWiderInterval()
    {
        var narrow = Bootstrap.MedianChange(Baseline, Candidate, confidence: 0.5);
        var wide = Bootstrap.MedianChange(Baseline, Candidate, confidence: 0.99);

        Assert.True(wide.RatioHigh - wide.RatioLow > narrow.RatioHigh - narrow.RatioLow);
    }

    [Fact]
    public void MedianChange_ConstantSamples_IntervalCollapsesToThePoint()
    {
        var result = Bootstrap.MedianChange([100.0, 100, 100], [110.0, 110]);

        Assert.Equal(new MedianChangeInterval(1.1, 1.1, 1.1, 10, 10, 10), result);
    }

    [Fact]
    public void MedianChange_NonPositiveBaseline_RatioIsNaNAndDifferenceIsKept()
    {
        var result = Bootstrap.MedianChange([0.0, 1, 2], [1.0, 2, 3]);

        Assert.True(double.IsNaN(result.Ratio) && double.IsNaN(result.RatioLow) && double.IsNaN(result.RatioHigh));
        Assert.Equal(1, result.Difference);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(double.NaN)]
    public void MedianChange_ConfidenceOutsideOpenUnitInterval_ThrowsArgumentException(double confidence) =>
        Assert.Throws<ArgumentException>(() => Bootstrap.MedianChange(Baseline, Candidate, confidence));

    [Fact]
    public void MedianChange_NoIterations_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => Bootstrap.MedianChange(Baseline, Candidate, iterations: 0));

    [Fact]
    public void MedianChange_EmptyCandidate_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => Bootstrap.MedianChange(Baseline, []));
        Assert.Equal("candidate", error.ParamName);
    }
}
