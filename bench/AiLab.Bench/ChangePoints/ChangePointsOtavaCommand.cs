using System.Globalization;
using System.Text.Json;
using AiLab.Stats.ChangePoints;

namespace AiLab.Bench.ChangePoints;

/// <summary>Our E-Divisive against Otava's expected change points on the TigerBeetle series, case by case.</summary>
internal sealed class ChangePointsOtavaCommand : IBenchCommand
{
    public string Name => "changepoints-otava";

    public string Description => "E-Divisive vs Otava's expected change points on TigerBeetle [--data DIR]";

    public int Run(IReadOnlyList<string> args)
    {
        var data = BenchData.Locate(BenchData.Option(args, "--data"), out var error);
        if (data is null)
        {
            Console.Error.WriteLine($"changepoints-otava: {error}");
            return 2;
        }

        var file = Path.Combine(data, "otava", "tigerbeetle_expected_cps.json");
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"changepoints-otava: '{file}' does not exist");
            return 2;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var series = document.RootElement.GetProperty("series").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"TigerBeetle series: {series.Length} points; Otava's expected output from tests/tigerbeetle_test.py."));
        Console.WriteLine();
        Console.WriteLine("| case | window | max p | min magnitude | Otava | ours | same |");
        Console.WriteLine("| --- | ---: | ---: | ---: | --- | --- | --- |");
        var matched = 0;
        var cases = document.RootElement.GetProperty("cases").EnumerateArray().ToList();
        foreach (var testCase in cases)
        {
            var parameters = testCase.GetProperty("params");
            var options = EDivisiveOptions.Otava with
            {
                WindowLength = parameters.GetProperty("window_len").GetInt32(),
                MaxPValue = parameters.GetProperty("max_pvalue").GetDouble(),
                MinMagnitude = parameters.GetProperty("min_magnitude").GetDouble(),
            };
            var expected = testCase.GetProperty("expected_change_point_indices").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            var ours = EDivisive.Detect(series, options).Select(c => c.Index).ToArray();
            var same = expected.SequenceEqual(ours);
            matched += same ? 1 : 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {testCase.GetProperty("test").GetString()} | {options.WindowLength} | {options.MaxPValue:G} | {options.MinMagnitude:G} | {Indices(expected)} | {Indices(ours)} | {(same ? "yes" : "NO")} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{matched} of {cases.Count} cases identical."));
        return matched == cases.Count ? 0 : 1;
    }

    private static string Indices(int[] indices) =>
        indices.Length <= 16 ? string.Join(", ", indices) : $"{string.Join(", ", indices.Take(8))}, … ({indices.Length} in all)";
}
