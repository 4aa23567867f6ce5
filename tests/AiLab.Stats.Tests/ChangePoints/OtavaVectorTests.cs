using AiLab.Stats.ChangePoints;

namespace AiLab.Stats.Tests.ChangePoints;

/// <summary>
/// E-Divisive against Apache Otava's own tests (data/reference/otava, extracted from tests/tigerbeetle_test.py,
/// tests/analysis_test.py and tests/change_point_divisive_test.py): the indices must be identical.
/// </summary>
public sealed class OtavaVectorTests
{
    public static TheoryData<string> TigerBeetleCases()
    {
        using var document = ChangePointData.Json("otava", "tigerbeetle_expected_cps.json");
        return new TheoryData<string>(document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("test").GetString()!));
    }

    [Theory]
    [MemberData(nameof(TigerBeetleCases))]
    public void Detect_TigerBeetleCase_MatchesOtavaIndices(string test)
    {
        using var document = ChangePointData.Json("otava", "tigerbeetle_expected_cps.json");
        var series = ChangePointData.Doubles(document.RootElement.GetProperty("series"));
        var testCase = document.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("test").GetString() == test);
        var parameters = testCase.GetProperty("params");
        var options = EDivisiveOptions.Otava with
        {
            WindowLength = parameters.GetProperty("window_len").GetInt32(),
            MaxPValue = parameters.GetProperty("max_pvalue").GetDouble(),
            MinMagnitude = parameters.GetProperty("min_magnitude").GetDouble(),
        };

        var found = EDivisive.Detect(series, options).Select(c => c.Index).ToArray();

        Assert.Equal(ChangePointData.Ints(testCase.GetProperty("expected_change_point_indices")), found);
    }

    [Fact]
    public void Detect_OtavaSingleSeriesCase_FindsTheStepAtTen()
    {
        using var document = ChangePointData.Json("otava", "small_cases.json");
        var testCase = document.RootElement.GetProperty("analysis_cases").EnumerateArray()
            .Single(c => c.GetProperty("test").GetString() == "test_single_series");
        var parameters = testCase.GetProperty("params");
        var options = EDivisiveOptions.Otava with
        {
            WindowLength = parameters.GetProperty("window_len").GetInt32(),
            MaxPValue = parameters.GetProperty("max_pvalue").GetDouble(),
            MinMagnitude = 0,
        };

        var found = EDivisive.Detect(ChangePointData.Doubles(testCase.GetProperty("series")), options);

        Assert.Equal(ChangePointData.Ints(testCase.GetProperty("expected_change_point_indices")), found.Select(c => c.Index));
        Assert.True(found[0].RelativeChange < -0.45, $"relative change {found[0].RelativeChange}");
    }

    [Fact]
    public void Detect_OtavaThreeLevelSequenceWholeSeries_FindsBothSteps()
    {
        // Otava's change_point_divisive test runs the detector on the whole sequence with a t-test tester at p ≤ 0.01:
        // a window as long as the series and a first-pass threshold equal to the final one do the same here.
        using var document = ChangePointData.Json("otava", "small_cases.json");
        var sequence = ChangePointData.Doubles(document.RootElement.GetProperty("divisive_sequence"));
        var options = EDivisiveOptions.Otava with { WindowLength = sequence.Length, MaxPValue = 0.01 };

        var found = EDivisive.Detect(sequence, options);

        Assert.Equal(ChangePointData.Ints(document.RootElement.GetProperty("divisive_expected_change_point_indices")), found.Select(c => c.Index));
    }
}
