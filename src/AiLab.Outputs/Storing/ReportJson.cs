using System.Text.Json;
using System.Text.Json.Serialization;
using AiLab.Core.Wire;
using AiLab.Outputs.Comparing;

namespace AiLab.Outputs.Storing;

/// <summary>The JSON form of a <see cref="ComparisonReport"/>, for the store and for <c>--json</c>.</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        // Undefined metrics (AUROC of a one-class slice) are NaN and must survive the round trip.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        // A report holds no enum today; one added later takes the wire name, like every other output.
        Converters = { new WireNameJsonConverterFactory(tolerant: false) },
    };

    /// <summary>The report as JSON.</summary>
    public static string Serialize(ComparisonReport report) => JsonSerializer.Serialize(report, Options);

    /// <summary>A report read back.</summary>
    public static ComparisonReport Deserialize(string json) =>
        JsonSerializer.Deserialize<ComparisonReport>(json, Options) ?? throw new JsonException("The stored comparison is empty.");
}
