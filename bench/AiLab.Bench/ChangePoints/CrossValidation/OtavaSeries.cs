using System.Text.Json;

namespace AiLab.Bench.ChangePoints.CrossValidation;

/// <summary>Otava's labelled series: the TigerBeetle benchmark history and the two small step series of its tests.</summary>
internal static class OtavaSeries
{
    // tests/tigerbeetle_test.py's docstring marks the visually distinct shifts "near 10-15, 60, 71, 95, 131, 142,
    // 192, 212" (otava/README.txt); 12 stands for the first, and the F1 margin of 5 covers 10–15 around it. These are
    // the labels, not Otava's outputs, so Otava's own settings are scored like every other detector.
    private static readonly int[] TigerBeetleShifts = [12, 60, 71, 95, 131, 142, 192, 212];

    /// <summary>The three series with their labels, from <paramref name="dataDirectory"/>/otava.</summary>
    public static List<TcpdSeries> Load(string dataDirectory)
    {
        var otava = Path.Combine(dataDirectory, "otava");
        using var tigerBeetle = JsonDocument.Parse(File.ReadAllText(Path.Combine(otava, "tigerbeetle_expected_cps.json")));
        using var small = JsonDocument.Parse(File.ReadAllText(Path.Combine(otava, "small_cases.json")));
        var single = small.RootElement.GetProperty("analysis_cases").EnumerateArray()
            .First(c => c.GetProperty("test").GetString() == "test_single_series");
        return
        [
            Of("tigerbeetle", tigerBeetle.RootElement.GetProperty("series"), TigerBeetleShifts),
            Of("otava-single-series", single.GetProperty("series"),
                Ints(single.GetProperty("expected_change_point_indices"))),
            Of("otava-divisive-sequence", small.RootElement.GetProperty("divisive_sequence"),
                Ints(small.RootElement.GetProperty("divisive_expected_change_point_indices"))),
        ];
    }

    private static TcpdSeries Of(string name, JsonElement values, int[] changes) =>
        new(name, [values.EnumerateArray().Select(v => v.GetDouble()).ToArray()], 0, [changes]);

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(v => v.GetInt32()).ToArray();
}
