using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using AiLab.Stats.SignificanceTesting;

namespace AiLab.Stats.Tests.Perfolizer;

/// <summary>
/// Reads the Perfolizer test vectors (data/reference/perfolizer/*.json, extracted from Perfolizer's C# tests) and turns
/// each recorded call — <c>CheckGreater(...)</c>, <c>Check(...)</c> or an InlineData row — into a <see cref="PerfolizerCase"/>.
/// </summary>
internal static class PerfolizerVectors
{
    public const string Welch = "WelchTests.json";
    public const string Student = "StudentTests.json";
    public const string MannWhitney = "MannWhitneyTests.json";

    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, PerfolizerCase>> Cache = new();

    /// <summary>All cases of one file, by id.</summary>
    public static IReadOnlyDictionary<string, PerfolizerCase> Load(string file) => Cache.GetOrAdd(file, Parse);

    /// <summary>The case ids of one file, as theory data (one test per case).</summary>
    public static TheoryData<string> Ids(string file) => new(Load(file).Keys.Order(StringComparer.Ordinal));

    private static Dictionary<string, PerfolizerCase> Parse(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ReferenceData.File("perfolizer", file)));
        var cases = new Dictionary<string, PerfolizerCase>();
        foreach (var testCase in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            var method = testCase.GetProperty("method").GetString()!;
            var index = 0;
            foreach (var parsed in ParseCase(file, testCase))
            {
                var id = $"{method}#{index++}";
                cases.Add(id, parsed with { Id = id });
            }
        }

        return cases;
    }

    private static IEnumerable<PerfolizerCase> ParseCase(string file, JsonElement testCase)
    {
        var arrays = testCase.GetProperty("arrays").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetDouble()).ToArray());
        double Number(string token) => token == "threshold"
            ? testCase.GetProperty("threshold_resolved").GetDouble()
            : double.Parse(token, CultureInfo.InvariantCulture);

        if (testCase.TryGetProperty("inline_data", out var rows))
        {
            // Mann–Whitney InlineData rows: (threshold, Ux, pValue), alternative 'greater'.
            foreach (var row in rows.EnumerateArray())
            {
                var v = row.EnumerateArray().Select(e => e.GetDouble()).ToArray();
                yield return new PerfolizerCase("", arrays["x"], arrays["y"], v[0], Alternative.Greater, v[1], double.NaN, v[2]);
            }
        }

        foreach (var call in testCase.GetProperty("calls").EnumerateArray())
        {
            var (name, args) = SplitCall(call.GetString()!);
            var alternative = name == "CheckGreater" ? Alternative.Greater : ParseAlternative(args[^1]);
            yield return file switch
            {
                // Check(x, y, threshold, t, df, p[, alt])
                Welch => new PerfolizerCase("", arrays[args[0]], arrays[args[1]], Number(args[2]), alternative, Number(args[3]), Number(args[4]), Number(args[5])),

                // CheckGreater(x, mu, p) or Check(x, y, p, alt) with mu in the case
                Student => name == "CheckGreater"
                    ? new PerfolizerCase("", arrays[args[0]], [], Number(args[1]), alternative, double.NaN, double.NaN, Number(args[2]))
                    : new PerfolizerCase("", arrays[args[0]], [], testCase.GetProperty("mu").GetDouble(), alternative, double.NaN, double.NaN, Number(args[2])),

                // Check(x, y, threshold, Ux, p, alt)
                MannWhitney => new PerfolizerCase("", arrays[args[0]], arrays[args[1]], Number(args[2]), alternative, Number(args[3]), double.NaN, Number(args[4])),
                _ => throw new ArgumentException($"Unknown vector file {file}.", nameof(file)),
            };
        }
    }

    private static (string Name, string[] Args) SplitCall(string call)
    {
        var open = call.IndexOf('(', StringComparison.Ordinal);
        var args = call[(open + 1)..call.LastIndexOf(')')].Split(',', StringSplitOptions.TrimEntries);
        return (call[..open].Trim(), args);
    }

    private static Alternative ParseAlternative(string token) => token switch
    {
        "AlternativeHypothesis.Greater" => Alternative.Greater,
        "AlternativeHypothesis.Less" => Alternative.Less,
        "AlternativeHypothesis.TwoSides" => Alternative.TwoSided,
        _ => throw new FormatException($"Unknown alternative '{token}'."),
    };
}
