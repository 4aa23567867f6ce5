using System.Text.Json;
using AiLab.Stats.ChangePoints;

namespace AiLab.Stats.Tests.ChangePoints;

/// <summary>
/// PELT with the empirical-distribution cost against Perfolizer's ED-PELT tests (data/reference/perfolizer/PeltTests.json).
/// Perfolizer reports the last index of the old segment, so every expected index is shifted by one here.
/// </summary>
public sealed class PerfolizerPeltVectorTests
{
    public static TheoryData<string> EdPeltCases()
    {
        using var document = ChangePointData.Json("perfolizer", "PeltTests.json");
        return new TheoryData<string>(Cases(document).Select(c => c.GetProperty("test").GetString()!));
    }

    [Theory]
    [MemberData(nameof(EdPeltCases))]
    public void Detect_EmpiricalDistributionCost_MatchesPerfolizerEdPelt(string test)
    {
        using var document = ChangePointData.Json("perfolizer", "PeltTests.json");
        var testCase = Cases(document).Single(c => c.GetProperty("test").GetString() == test);
        var array = testCase.GetProperty("data");

        // Perfolizer's arithmetic-progression cases are stored as Enumerable.Range(range_start, range_count).
        var data = array.ValueKind == JsonValueKind.Array
            ? ChangePointData.Doubles(array)
            : Enumerable.Range(array.GetProperty("range_start").GetInt32(), array.GetProperty("range_count").GetInt32())
                .Select(i => (double)i).ToArray();
        var options = PeltOptions.EdPelt with { MinSegmentLength = testCase.GetProperty("min_distance").GetInt32() };

        var found = Pelt.Detect(data, options).Select(c => c.Index - 1);

        Assert.Equal(ChangePointData.Ints(testCase.GetProperty("expected_change_point_indexes")), found);
    }

    private static IEnumerable<JsonElement> Cases(JsonDocument document) =>
        document.RootElement.GetProperty("cases").GetProperty("EdPeltTests").EnumerateArray();
}
