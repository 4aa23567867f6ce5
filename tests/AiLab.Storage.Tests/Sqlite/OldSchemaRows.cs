using AiLab.Core.Experiments;
using AiLab.Storage.Serialization;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Tests.Sqlite;

/// <summary>Writes rows the way an older schema's store did: today's store writes columns later steps added, so a
/// database of an older version gets its rows from here.</summary>
internal static class OldSchemaRows
{
    /// <summary>Inserts <paramref name="experiment"/> with the columns of schema step 1.</summary>
    public static void InsertExperiment(string path, Experiment experiment)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO experiments (id, kind, created_at, created_utc_ticks, status, status_reason, spec, verdict)
            VALUES ($id, $kind, $createdAt, $ticks, $status, NULL, $spec, NULL);
            """;
        command.Parameters.AddWithValue("$id", experiment.Id);
        command.Parameters.AddWithValue("$kind", StorageJson.EnumName(experiment.Kind));
        command.Parameters.AddWithValue(
            "$createdAt", experiment.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$ticks", experiment.CreatedAt.UtcTicks);
        command.Parameters.AddWithValue("$status", StorageJson.EnumName(experiment.Status));
        command.Parameters.AddWithValue("$spec", ExperimentDocuments.Spec(experiment));
        command.ExecuteNonQuery();
    }
}
