using System.Text.Json;
using AiLab.Stats.SignificanceTesting;

namespace AiLab.Stats.Tests.Oracle;

/// <summary>
/// The committed scipy reference values (Oracle/scipy_vectors.json, written by make_scipy_vectors.py with fixed seeds),
/// read from the test output folder.
/// </summary>
internal static class ScipyVectors
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Oracle", "scipy_vectors.json"))));

    /// <summary>The cases of one section, e.g. "welch".</summary>
    public static JsonElement Case(string section, int index) => Document.Value.RootElement.GetProperty(section)[index];

    /// <summary>The indexes of one section's cases, as theory data (one test per case).</summary>
    public static TheoryData<int> Indexes(string section) =>
        new(Enumerable.Range(0, Document.Value.RootElement.GetProperty(section).GetArrayLength()));

    /// <summary>A number property.</summary>
    public static double Number(this JsonElement element, string name) => element.GetProperty(name).GetDouble();

    /// <summary>An array-of-numbers property.</summary>
    public static double[] Numbers(this JsonElement element, string name) =>
        element.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>scipy's alternative name as an <see cref="Alternative"/>.</summary>
    public static Alternative AlternativeHypothesis(this JsonElement element) => element.GetProperty("alternative").GetString() switch
    {
        "two-sided" => Alternative.TwoSided,
        "greater" => Alternative.Greater,
        "less" => Alternative.Less,
        var other => throw new FormatException($"Unknown alternative '{other}'."),
    };
}
