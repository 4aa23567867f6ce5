using AiLab.Outputs.Comparing;

namespace AiLab.Outputs.Tests.Comparing;

/// <summary>Against scikit-learn 1.2.1 (Debian's python3-sklearn):
/// <c>roc_curve(y, s, drop_intermediate=False)</c> and <c>precision_recall_curve(y, s)</c> reversed.</summary>
public sealed class CurveSamplerTests
{
    private static readonly bool[] Labels = [false, true, true, false, true, false, true, true];
    private static readonly double[] Scores = [0.1, 0.4, 0.35, 0.8, 0.7, 0.2, 0.7, 0.9];

    [Fact]
    public void Roc_SmallVector_MatchesScikitLearn()
    {
        var roc = CurveSampler.Roc(Labels, Scores);

        Assert.Equal([0, 0, 0.33333, 0.33333, 0.33333, 0.33333, 0.66667, 1], roc.X);
        Assert.Equal([0, 0.2, 0.2, 0.6, 0.8, 1, 1, 1], roc.Y);
    }

    [Fact]
    public void PrecisionRecall_SmallVector_MatchesScikitLearn()
    {
        var pr = CurveSampler.PrecisionRecall(Labels, Scores);

        Assert.Equal([0, 0.2, 0.2, 0.6, 0.8, 1, 1, 1], pr.X);
        Assert.Equal([1, 1, 0.5, 0.75, 0.8, 0.83333, 0.71429, 0.625], pr.Y);
    }

    [Fact]
    public void Roc_ManyDistinctScores_ThinnedToMaxPointsKeepingBothEnds()
    {
        var random = new Random(3);
        var labels = Enumerable.Range(0, 5000).Select(_ => random.NextDouble() < 0.3).ToArray();
        var scores = labels.Select(l => random.NextDouble() + (l ? 0.3 : 0)).ToArray();

        var roc = CurveSampler.Roc(labels, scores);

        Assert.Equal(CurveSampler.MaxPoints, roc.Count);
        Assert.Equal((0.0, 0.0), (roc.X[0], roc.Y[0]));
        Assert.Equal((1.0, 1.0), (roc.X[^1], roc.Y[^1]));
        Assert.True(roc.X.Zip(roc.X.Skip(1)).All(p => p.First <= p.Second), "FPR never decreases along the curve");
    }

    [Fact]
    public void Roc_OneClass_IsEmpty() => Assert.Equal(0, CurveSampler.Roc([true, true], [0.2, 0.4]).Count);
}
