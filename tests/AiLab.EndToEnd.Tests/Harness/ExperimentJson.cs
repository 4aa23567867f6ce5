using System.Text.Json;

namespace AiLab.EndToEnd.Tests.Harness;

/// <summary>Reading the experiment document of <c>ab --json</c>, <c>run --json</c> and <c>show --json</c>.</summary>
internal static class ExperimentJson
{
    public static string Id(this JsonElement doc) => doc.GetProperty("experiment_id").GetString()!;

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static int Int(this JsonElement e, string name) => e.GetProperty(name).GetInt32();

    /// <summary>The metric called <paramref name="name"/>; fails the test, listing the metrics there are, if absent.</summary>
    public static JsonElement Metric(this JsonElement doc, string name)
    {
        var metrics = doc.GetProperty("metrics").EnumerateArray().ToList();
        return metrics.FirstOrDefault(m => m.Str("name") == name) is { ValueKind: JsonValueKind.Object } metric
            ? metric
            : throw new Xunit.Sdk.XunitException($"no metric '{name}' in [{string.Join(", ", metrics.Select(m => m.Str("name")))}]");
    }

    /// <summary>The <c>trials</c> counts: measured, warmup, failed.</summary>
    public static (int Measured, int Warmup, int Failed) TrialCounts(this JsonElement doc)
    {
        var t = doc.GetProperty("trials");
        return (t.Int("measured"), t.Int("warmup"), t.Int("failed"));
    }

    public static IReadOnlyList<JsonElement> Failures(this JsonElement doc) => doc.GetProperty("failures").EnumerateArray().ToList();

    /// <summary>The <c>trial_results</c> of <c>show --json --trials</c>.</summary>
    public static IReadOnlyList<JsonElement> TrialResults(this JsonElement doc) => doc.GetProperty("trial_results").EnumerateArray().ToList();
}
