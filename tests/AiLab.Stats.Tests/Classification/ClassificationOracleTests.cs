using AiLab.Stats.Classification;
using AiLab.Stats.Paired;

namespace AiLab.Stats.Tests.Classification;

/// <summary>Every classification metric and paired test against scikit-learn, scipy and the paper-form DeLong.</summary>
public sealed class ClassificationOracleTests
{
    public static TheoryData<int> Cases => ClassificationVectors.CaseIndexes();

    [Theory]
    [MemberData(nameof(Cases))]
    public void BinaryMetrics_GeneratedCase_MatchScikitLearn(int index)
    {
        var c = ClassificationVectors.Get("cases")[index];
        var labels = ClassificationVectors.Labels(c);
        var threshold = c.GetProperty("threshold").GetDouble();
        foreach (var (side, name) in new[] { ("a", "side_a"), ("b", "side_b") })
        {
            var scores = ClassificationVectors.Doubles(c, side);
            var expected = c.GetProperty(name);
            var actual = BinaryMetrics.Compute(labels, scores, threshold);
            foreach (var metric in BinaryMetrics.Names)
            {
                Tolerance.Close(expected.GetProperty(metric).GetDouble(), actual.Get(metric), 1e-12, 1e-14, $"case {index} {side} {metric}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WeightedAveragePrecision_PoissonWeights_MatchesScikitLearnSampleWeight(int index)
    {
        var c = ClassificationVectors.Get("cases")[index];
        var labels = ClassificationVectors.Labels(c);
        var scores = ClassificationVectors.Doubles(c, "a");
        var weights = ClassificationVectors.Doubles(c, "weights");

        var actual = RankingMetrics.WeightedAveragePrecision(labels, scores, MidRanks.DescendingOrder(scores), weights);

        Tolerance.Close(c.GetProperty("side_a").GetProperty("auprc_weighted").GetDouble(), actual, 1e-12, 1e-14, "weighted AP");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Agreement_GeneratedCase_MatchesNumpy(int index)
    {
        var c = ClassificationVectors.Get("cases")[index];
        var expected = c.GetProperty("agreement");

        var actual = Agreement.Compute(ClassificationVectors.Doubles(c, "a"), ClassificationVectors.Doubles(c, "b"), c.GetProperty("threshold").GetDouble());

        Tolerance.Close(expected.GetProperty("flip_share").GetDouble(), actual.FlipShare, 1e-15, 0, "flip share");
        Tolerance.Close(expected.GetProperty("correlation").GetDouble(), actual.ScoreCorrelation, 1e-12, 0, "correlation");
        Tolerance.Close(expected.GetProperty("largest_change").GetDouble(), actual.LargestScoreChange, 1e-15, 0, "largest change");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DeLong_GeneratedCase_MatchesThePaperFormAndScikitLearnAucs(int index)
    {
        var c = ClassificationVectors.Get("cases")[index];
        var expected = c.GetProperty("delong");

        var actual = DeLongTest.Compute(ClassificationVectors.Labels(c), ClassificationVectors.Doubles(c, "a"), ClassificationVectors.Doubles(c, "b"));

        Tolerance.Close(c.GetProperty("side_a").GetProperty("auroc").GetDouble(), actual.BaselineAuc, 1e-12, 0, "AUC a (sklearn)");
        Tolerance.Close(c.GetProperty("side_b").GetProperty("auroc").GetDouble(), actual.CandidateAuc, 1e-12, 0, "AUC b (sklearn)");
        Tolerance.Close(expected.GetProperty("se").GetDouble(), actual.StandardError, 1e-9, 0, "standard error");
        Tolerance.Close(expected.GetProperty("z").GetDouble(), actual.Z, 1e-9, 0, "z");
        Tolerance.Close(expected.GetProperty("p").GetDouble(), actual.PValue, 1e-7, 1e-12, "p");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void McNemar_GeneratedCase_MatchesScipy(int index)
    {
        var c = ClassificationVectors.Get("cases")[index];
        var labels = ClassificationVectors.Labels(c);
        var threshold = c.GetProperty("threshold").GetDouble();
        var a = ClassificationVectors.Doubles(c, "a").Select((s, i) => s >= threshold == labels[i]).ToArray();
        var b = ClassificationVectors.Doubles(c, "b").Select((s, i) => s >= threshold == labels[i]).ToArray();

        AssertMcNemar(c.GetProperty("mcnemar"), McNemarTest.Compute(a, b));
    }

    [Fact]
    public void McNemar_SmallDiscordantCounts_MatchScipy()
    {
        foreach (var expected in ClassificationVectors.Get("mcnemar").EnumerateArray())
        {
            AssertMcNemar(expected, McNemarTest.FromDiscordant(expected.GetProperty("b").GetInt64(), expected.GetProperty("c").GetInt64()));
        }
    }

    [Fact]
    public void McNemar_AgrestiPresidentialApproval_MatchesTheTextbook()
    {
        // Agresti, Categorical Data Analysis (2002) Table 10.1: b = 150, c = 86; z² = 17.36 without correction.
        var published = ClassificationVectors.Get("mcnemar_published");
        var result = McNemarTest.FromDiscordant(150, 86);

        var uncorrected = (150.0 - 86) * (150 - 86) / (150 + 86);
        Tolerance.Close(published.GetProperty("uncorrected_chi2_agresti").GetDouble(), uncorrected, 0, 0.005, "Agresti's z²");
        Tolerance.Close(Math.Pow(64 - 1, 2) / 236, result.ChiSquare, 1e-15, 0, "corrected χ²");
        AssertMcNemar(published, result);
        Assert.True(result.ExactPValue < 1e-4);
    }

    private static void AssertMcNemar(System.Text.Json.JsonElement expected, McNemarResult actual)
    {
        var what = $"b={actual.OnlyBaseline} c={actual.OnlyCandidate}";
        Assert.Equal(expected.GetProperty("b").GetInt64(), actual.OnlyBaseline);
        Assert.Equal(expected.GetProperty("c").GetInt64(), actual.OnlyCandidate);
        Tolerance.Close(expected.GetProperty("exact_p").GetDouble(), actual.ExactPValue, 1e-9, 1e-15, $"{what} exact p");
        Tolerance.Close(expected.GetProperty("chi2").GetDouble(), actual.ChiSquare, 1e-12, 0, $"{what} χ²");
        Tolerance.Close(expected.GetProperty("chi2_p").GetDouble(), actual.ChiSquarePValue, 1e-9, 1e-15, $"{what} χ² p");
    }
}
