using System.Globalization;
using AiLab.Core.Capacity;
using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>The capacity ledger's reads and the column copies they use (schema step 7, "capacity").</summary>
public sealed partial class SqliteExperimentStore
{
    /// <inheritdoc />
    public IReadOnlyList<TrialCost> TrialCosts(DateTimeOffset? since)
    {
        return Guarded(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT t.experiment_id, t.sequence, e.workflow, e.tier, t.started_at, t.is_warmup, t.status,
                       t.cpu_user_ms, t.cpu_system_ms, t.wall_ms, t.gpu_ms, t.stopped_after,
                       t.cpu_after_marks_ms, t.wall_after_marks_ms
                FROM trials t JOIN experiments e ON e.id = t.experiment_id
                ORDER BY e.created_utc_ticks, e.id, t.sequence;
                """;
            using var reader = command.ExecuteReader();
            var costs = new List<TrialCost>();
            while (reader.Read())
            {
                // started_at keeps the offset it was written with, so it is compared as a value, not as text.
                var started = DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture,
                    DateTimeStyles.RoundtripKind);
                if (since is { } from && started < from) continue;
                costs.Add(new TrialCost(
                    reader.GetString(0),
                    reader.GetInt32(1),
                    reader.IsDBNull(2) ? "" : reader.GetString(2),
                    ParseTier(reader.IsDBNull(3) ? null : reader.GetString(3)),
                    started,
                    reader.GetBoolean(5),
                    reader.GetString(6) == Serialization.StorageJson.EnumName(TrialStatus.Succeeded),
                    (Nullable(reader, 7) + Nullable(reader, 8) ?? 0) / 1e3,
                    (Nullable(reader, 9) ?? 0) / 1e3,
                    (Nullable(reader, 10) ?? 0) / 1e3,
                    reader.IsDBNull(11) ? null : reader.GetString(11),
                    Nullable(reader, 12) / 1e3,
                    Nullable(reader, 13) / 1e3));
            }

            return costs;
        });
    }

    private static double? Nullable(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private static CapacityTier ParseTier(string? name) =>
        Enum.TryParse<CapacityTier>(name, ignoreCase: true, out var tier) ? tier : CapacityTier.AdHoc;

    /// <summary>The schema step that added the capacity columns; a database opened with fewer steps (tests of the
    /// migration mechanism) is written without them.</summary>
    private static readonly int CapacityStep = SchemaMigrations.All.Single(m => m.Description == "capacity").Version;

    private bool HasCapacityColumns => SchemaVersion >= CapacityStep;

    private void WriteCapacityColumns(Experiment experiment)
    {
        if (!HasCapacityColumns) return;
        using var command = _connection.CreateCommand();
        command.CommandText = "UPDATE experiments SET tier = $tier, workflow = $workflow WHERE id = $id;";
        command.Parameters.AddWithValue("$id", experiment.Id);
        command.Parameters.AddWithValue("$tier", experiment.Tier.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue("$workflow", experiment.Workflow.Name);
        command.ExecuteNonQuery();
    }

    private void WriteTrialCapacity(SqliteTransaction transaction, TrialRecord trial)
    {
        if (!HasCapacityColumns) return;
        var result = trial.Result;
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE trials SET gpu_ms = $gpu, stopped_after = $stoppedAfter, cpu_after_marks_ms = $cpuAfterMarks,
                              wall_after_marks_ms = $wallAfterMarks
            WHERE experiment_id = $experiment AND sequence = $sequence;
            """;
        var p = command.Parameters;
        p.AddWithValue("$experiment", trial.ExperimentId);
        p.AddWithValue("$sequence", trial.Sequence);
        var reached = result.MarksReached;
        p.AddWithValue("$gpu", (object?)result.GpuMs ?? DBNull.Value);
        p.AddWithValue("$stoppedAfter", (object?)result.Stop?.AfterMark ?? DBNull.Value);
        p.AddWithValue("$cpuAfterMarks", reached?.CpuMs is { } cpu
            ? Math.Max(0, result.Resources.CpuTotalMs - cpu)
            : DBNull.Value);
        p.AddWithValue("$wallAfterMarks", reached is null ? DBNull.Value : Math.Max(0, result.WallMs - reached.AtMs));
        command.ExecuteNonQuery();
    }
}
