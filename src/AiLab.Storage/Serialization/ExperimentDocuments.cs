using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiLab.Core.Experiments;
using AiLab.Core.Verdicts;

namespace AiLab.Storage.Serialization;

/// <summary>How an experiment row is written and read back, the same way for every store: the members with columns
/// of their own (id, kind, created_at, status, status_reason, verdict) and the rest as the spec document.</summary>
internal static class ExperimentDocuments
{
    private static readonly string[] ColumnMembers = ["id", "kind", "createdAt", "status", "statusReason", "verdict"];

    /// <summary>The spec document: every member of <paramref name="experiment"/> without a column.</summary>
    public static string Spec(Experiment experiment)
    {
        var spec = JsonSerializerNodes.ToObject(experiment);
        foreach (var member in ColumnMembers)
            spec.Remove(member);
        return spec.ToJsonString(StorageJson.Options);
    }

    /// <summary>The experiment of the reader's current row (columns id, kind, created_at, status, status_reason,
    /// spec, verdict).</summary>
    /// <param name="reader">Positioned on the row.</param>
    /// <param name="where">The database, as messages name it.</param>
    /// <param name="olderSpellings">Read the camelCase enum names written before schema step 12 too (the steps
    /// before it that read experiments in code); otherwise wire names only.</param>
    /// <exception cref="StorageException">The row cannot be read; the message names <paramref name="where"/>.</exception>
    public static Experiment Read(DbDataReader reader, string where, bool olderSpellings = false)
    {
        var options = olderSpellings ? StorageJson.OlderSpellings : StorageJson.Options;
        var id = reader.GetString(reader.GetOrdinal("id"));
        var what = $"experiment '{id}'";
        var document = JsonNode.Parse(reader.GetString(reader.GetOrdinal("spec"))) as JsonObject
            ?? throw new StorageException($"{where}: the spec of {what} is not a JSON object");
        document["id"] = id;
        document["kind"] = reader.GetString(reader.GetOrdinal("kind"));
        document["createdAt"] = reader.GetString(reader.GetOrdinal("created_at"));
        document["status"] = reader.GetString(reader.GetOrdinal("status"));
        var reason = reader.GetOrdinal("status_reason");
        document["statusReason"] = reader.IsDBNull(reason) ? null : reader.GetString(reason);
        var experiment = Deserialize<Experiment>(document.ToJsonString(StorageJson.Options), where, what, options);

        var verdict = reader.GetOrdinal("verdict");
        return reader.IsDBNull(verdict)
            ? experiment
            : experiment with
            {
                Verdict = Deserialize<ExperimentVerdict>(
                    reader.GetString(verdict), where, $"the verdict of {what}", options),
            };
    }

    /// <summary>A stored JSON document, or a storage error naming it.</summary>
    /// <exception cref="StorageException">It does not parse.</exception>
    public static T Deserialize<T>(string json, string where, string what, JsonSerializerOptions? options = null)
    {
        try
        {
            return StorageJson.Deserialize<T>(json, options ?? StorageJson.Options);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new StorageException($"{where}: {what} cannot be read ({ex.Message})", ex);
        }
    }
}
