using System.Text.Json;
using AiLab.Testing.ChangePoints;

namespace AiLab.Stats.Tests.ChangePoints;

/// <summary>The TCPDBench metrics against the doctests of its metrics.py (data/reference/tcpdbench/metric_test_vectors.json).</summary>
public sealed class TcpdMetricVectorTests
{
    public static TheoryData<int> TruePositiveCases() => Indices("true_positives_margin5");

    public static TheoryData<int> FMeasureCases() => Indices("f_measure_margin5");

    public static TheoryData<int> CoveringCases() => Indices("covering");

    [Theory]
    [MemberData(nameof(TruePositiveCases))]
    public void TruePositives_DoctestVector_MatchesTcpdBench(int index)
    {
        using var document = Vectors();
        var testCase = document.RootElement.GetProperty("true_positives_margin5")[index];

        var found = TcpdMetrics.TruePositives(ChangePointData.Ints(testCase.GetProperty("T")), ChangePointData.Ints(testCase.GetProperty("X")), 5);

        Assert.Equal(ChangePointData.Ints(testCase.GetProperty("expected")), found.Order());
    }

    [Theory]
    [MemberData(nameof(FMeasureCases))]
    public void FMeasure_DoctestVector_MatchesTcpdBench(int index)
    {
        using var document = Vectors();
        var testCase = document.RootElement.GetProperty("f_measure_margin5")[index];

        var result = TcpdMetrics.FMeasure(Annotations(testCase), ChangePointData.Ints(testCase.GetProperty("predictions")), 5);

        Assert.Equal(testCase.GetProperty("expected").GetDouble(), result.F, 1e-12);
    }

    [Theory]
    [MemberData(nameof(CoveringCases))]
    public void Covering_DoctestVector_MatchesTcpdBench(int index)
    {
        using var document = Vectors();
        var testCase = document.RootElement.GetProperty("covering")[index];

        var covering = TcpdMetrics.Covering(
            Annotations(testCase), ChangePointData.Ints(testCase.GetProperty("predictions")), testCase.GetProperty("n_obs").GetInt32());

        Assert.Equal(testCase.GetProperty("expected").GetDouble(), covering, 1e-12);
    }

    [Fact]
    public void FMeasure_ZeroBaselineOnTcpdAnnotations_MatchesPublishedZeroScores()
    {
        // The README of data/reference/tcpdbench says the 'zero' column was recomputed from annotations.json: do it again.
        using var annotations = ChangePointData.Json("tcpd", "annotations.json");
        using var scores = ChangePointData.Json("tcpdbench", "default_f1_scores.json");
        var checkedCount = 0;
        foreach (var dataset in annotations.RootElement.EnumerateObject())
        {
            var perAnnotator = dataset.Value.EnumerateObject().Select(a => (IReadOnlyCollection<int>)ChangePointData.Ints(a.Value)).ToList();
            var published = scores.RootElement.GetProperty("scores").GetProperty(dataset.Name).GetProperty("zero").GetDouble();

            Assert.Equal(published, Math.Round(TcpdMetrics.FMeasure(perAnnotator, []).F, 4), 1e-9);
            checkedCount++;
        }

        Assert.Equal(42, checkedCount);
    }

    [Fact]
    public void Covering_PerfectPrediction_IsOne()
    {
        IReadOnlyCollection<int>[] annotations = [[10, 20], [10, 20]];

        Assert.Equal(1.0, TcpdMetrics.Covering(annotations, [10, 20], 30), 1e-15);
    }

    private static JsonDocument Vectors() => ChangePointData.Json("tcpdbench", "metric_test_vectors.json");

    private static TheoryData<int> Indices(string section)
    {
        using var document = Vectors();
        return new TheoryData<int>(Enumerable.Range(0, document.RootElement.GetProperty(section).GetArrayLength()));
    }

    private static List<IReadOnlyCollection<int>> Annotations(JsonElement testCase) =>
        testCase.GetProperty("annotations").EnumerateObject().Select(a => (IReadOnlyCollection<int>)ChangePointData.Ints(a.Value)).ToList();
}
