using System.Text.Json;

namespace AiLab.Stats.Tests.Classification;

/// <summary>The committed scikit-learn/scipy reference values (classification_vectors.json, from
/// make_classification_vectors.py beside it).</summary>
internal static class ClassificationVectors
{
    private static readonly Lazy<JsonElement> Root = new(() => JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Classification", "classification_vectors.json"))).RootElement);

    public static JsonElement Get(string name) => Root.Value.GetProperty(name);

    public static TheoryData<int> CaseIndexes() => new(Enumerable.Range(0, Get("cases").GetArrayLength()));

    public static bool[] Labels(JsonElement c) => c.GetProperty("labels").EnumerateArray().Select(v => v.GetInt32() == 1).ToArray();

    public static double[] Doubles(JsonElement c, string name) =>
        c.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
}
