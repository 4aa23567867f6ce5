using System.Globalization;
using System.Text.Json.Nodes;
using AiLab.Core.Experiments;
using AiLab.Core.Experiments.Leases;
using AiLab.Core.Trials;
using AiLab.Core.Verdicts;
using AiLab.Storage.Serialization;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>Experiments and trials in one SQLite file (WAL), safe to open from several processes at once.</summary>
public sealed partial class SqliteExperimentStore : IExperimentStore, ILeaseStore, IDisposable
{
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintForeignKey = 787;

    // Members of Experiment that live in their own columns; the rest goes to the spec document.
    private static readonly string[] ColumnMembers = ["id", "kind", "createdAt", "status", "statusReason", "verdict"];

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    /// <summary>Opens (or creates, with its parent directories) the database at <paramref name="path"/>.</summary>
    /// <exception cref="StorageException">The file is not an SQLite database, is corrupt, or has a newer schema.</exception>
    public SqliteExperimentStore(string path)
        : this(path, SchemaMigrations.All)
    {
    }

    /// <summary>Opens the database at <paramref name="path"/> for <paramref name="access"/>: read-only opens never
    /// create, migrate or write, and a missing database reads as empty.</summary>
    /// <exception cref="StorageException">The file is not an SQLite database, is corrupt, or has a newer schema.</exception>
    public SqliteExperimentStore(string path, StoreAccess access)
        : this(path, SchemaMigrations.All, access)
    {
    }

    internal SqliteExperimentStore(string path, IReadOnlyList<SchemaMigration> migrations, StoreAccess access = StoreAccess.ReadWrite)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        DatabasePath = Path.GetFullPath(path);
        (_connection, SchemaVersion) = SqliteDatabase.Open(DatabasePath, migrations, access);
    }

    /// <summary>Absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The schema version (<c>PRAGMA user_version</c>) after opening.</summary>
    public int SchemaVersion { get; }

    /// <inheritdoc />
    public void Create(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var spec = JsonSerializerNodes.ToObject(experiment);
        foreach (var member in ColumnMembers)
            spec.Remove(member);

        Guarded(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT INTO experiments (id, kind, created_at, created_utc_ticks, status, status_reason, spec, verdict)
                VALUES ($id, $kind, $createdAt, $ticks, $status, $reason, $spec, $verdict);
                """;
            command.Parameters.AddWithValue("$id", experiment.Id);
            command.Parameters.AddWithValue("$kind", StorageJson.EnumName(experiment.Kind));
            command.Parameters.AddWithValue("$createdAt", experiment.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$ticks", experiment.CreatedAt.UtcTicks);
            AddStatus(command, experiment);
            command.Parameters.AddWithValue("$spec", spec.ToJsonString(StorageJson.Options));
            try
            {
                command.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == ConstraintPrimaryKey)
            {
                throw new InvalidOperationException($"experiment '{experiment.Id}' already exists in {DatabasePath}", ex);
            }
        });
    }

    /// <inheritdoc />
    public void Update(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        // The spec is rewritten too: an extended default experiment changes its trial count and extension history.
        var spec = JsonSerializerNodes.ToObject(experiment);
        foreach (var member in ColumnMembers)
            spec.Remove(member);
        Guarded(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "UPDATE experiments SET status = $status, status_reason = $reason, verdict = $verdict, spec = $spec WHERE id = $id;";
            command.Parameters.AddWithValue("$id", experiment.Id);
            command.Parameters.AddWithValue("$spec", spec.ToJsonString(StorageJson.Options));
            AddStatus(command, experiment);
            if (command.ExecuteNonQuery() == 0)
                throw new InvalidOperationException($"experiment '{experiment.Id}' is not in {DatabasePath}; Create it before updating it");
        });
    }

    /// <inheritdoc />
    public void AddTrial(TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var result = trial.Result;
        Guarded(() =>
        {
            // Its own transaction: with synchronous=FULL the commit reaches the disk before we return.
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO trials (experiment_id, sequence, variant, is_warmup, status, failure, ttfb_ms, wall_ms,
                                    cpu_user_ms, cpu_system_ms, peak_rss_bytes, started_at, log_path, result, other_cpu_cores,
                                    queue_ms, node)
                VALUES ($experiment, $sequence, $variant, $warmup, $status, $failure, $ttfb, $wall,
                        $cpuUser, $cpuSystem, $rss, $startedAt, $log, $result, $otherCpu, $queue, $node)
                ON CONFLICT (experiment_id, sequence) DO UPDATE SET
                    variant = excluded.variant, is_warmup = excluded.is_warmup, status = excluded.status,
                    failure = excluded.failure, ttfb_ms = excluded.ttfb_ms, wall_ms = excluded.wall_ms,
                    cpu_user_ms = excluded.cpu_user_ms, cpu_system_ms = excluded.cpu_system_ms,
                    peak_rss_bytes = excluded.peak_rss_bytes, started_at = excluded.started_at,
                    log_path = excluded.log_path, result = excluded.result, other_cpu_cores = excluded.other_cpu_cores,
                    queue_ms = excluded.queue_ms, node = excluded.node;
                """;
            var p = command.Parameters;
            p.AddWithValue("$experiment", trial.ExperimentId);
            p.AddWithValue("$sequence", trial.Sequence);
            p.AddWithValue("$variant", trial.Variant);
            p.AddWithValue("$warmup", trial.IsWarmup);
            p.AddWithValue("$status", StorageJson.EnumName(result.Status));
            p.AddWithValue("$failure", StorageJson.EnumName(result.Failure));
            p.AddWithValue("$ttfb", (object?)result.TtfbMs ?? DBNull.Value);
            p.AddWithValue("$wall", result.WallMs);
            p.AddWithValue("$cpuUser", result.Resources.CpuUserMs);
            p.AddWithValue("$cpuSystem", result.Resources.CpuSystemMs);
            p.AddWithValue("$rss", result.Resources.PeakRssBytes);
            p.AddWithValue("$startedAt", result.StartedAt.ToString("O", CultureInfo.InvariantCulture));
            p.AddWithValue("$log", (object?)result.LogPath ?? DBNull.Value);
            p.AddWithValue("$queue", (object?)result.Scheduler?.QueueMs ?? DBNull.Value);
            p.AddWithValue("$node", (object?)result.Scheduler?.Node ?? DBNull.Value);
            p.AddWithValue("$result", StorageJson.Serialize(result));
            p.AddWithValue("$otherCpu", (object?)(result.Machine?.OtherCpuCoresOnPinned ?? result.Machine?.OtherCpuCores) ?? DBNull.Value);
            try
            {
                command.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == ConstraintForeignKey)
            {
                throw new InvalidOperationException(
                    $"trial {trial.Sequence} belongs to experiment '{trial.ExperimentId}', which is not in {DatabasePath}", ex);
            }

            transaction.Commit();
        });
    }

    /// <inheritdoc />
    public Experiment? Find(string idOrPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        return Guarded(() =>
        {
            // An exact id wins even when it is also the prefix of longer ids (ab-1 and ab-10).
            var exact = Query("SELECT * FROM experiments WHERE id = $p;", idOrPrefix, 0);
            if (exact.Count == 1)
                return exact[0];

            var matches = Query("SELECT * FROM experiments WHERE substr(id, 1, length($p)) = $p ORDER BY id;", idOrPrefix, 0);
            return matches.Count switch
            {
                0 => null,
                1 => matches[0],
                _ => throw new AmbiguousIdException(idOrPrefix, [.. matches.Select(e => e.Id)]),
            };
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<Experiment> List(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Guarded(() =>
        {
            return Query("SELECT * FROM experiments ORDER BY created_utc_ticks DESC, rowid DESC LIMIT $limit;", null, limit);
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<TrialRecord> GetTrials(string experimentId)
    {
        ArgumentNullException.ThrowIfNull(experimentId);
        return Guarded(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT sequence, variant, is_warmup, result FROM trials WHERE experiment_id = $id ORDER BY sequence;
                """;
            command.Parameters.AddWithValue("$id", experimentId);
            using var reader = command.ExecuteReader();
            var trials = new List<TrialRecord>();
            while (reader.Read())
            {
                var sequence = reader.GetInt32(0);
                var result = Read<TrialResult>(reader.GetString(3), $"trial {sequence} of experiment '{experimentId}'");
                trials.Add(new TrialRecord(experimentId, sequence, reader.GetString(1), reader.GetBoolean(2), result));
            }

            return trials;
        });
    }

    /// <summary>Closes the connection; the last process to close the file folds the WAL back into it.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    /// <summary>Runs <paramref name="action"/> under the lock, turning SQLite's bare errors into ones that name the file.</summary>
    private T Guarded<T>(Func<T> action)
    {
        lock (_gate)
        {
            try
            {
                return action();
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode != 19) // 19: constraints, which the callers explain
            {
                throw StorageErrors.Wrap(ex, DatabasePath);
            }
        }
    }

    private void Guarded(Action action) => Guarded(() =>
    {
        action();
        return 0;
    });

    private static void AddStatus(SqliteCommand command, Experiment experiment)
    {
        command.Parameters.AddWithValue("$status", StorageJson.EnumName(experiment.Status));
        command.Parameters.AddWithValue("$reason", (object?)experiment.StatusReason ?? DBNull.Value);
        command.Parameters.AddWithValue("$verdict", experiment.Verdict is null ? DBNull.Value : StorageJson.Serialize(experiment.Verdict));
    }

    private List<Experiment> Query(string sql, string? prefix, int limit)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        if (prefix is not null)
            command.Parameters.AddWithValue("$p", prefix);
        else
            command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var experiments = new List<Experiment>();
        while (reader.Read())
            experiments.Add(ReadExperiment(reader));
        return experiments;
    }

    private Experiment ReadExperiment(SqliteDataReader reader)
    {
        var id = reader.GetString(reader.GetOrdinal("id"));
        var what = $"experiment '{id}'";
        var document = JsonNode.Parse(reader.GetString(reader.GetOrdinal("spec"))) as JsonObject
            ?? throw new StorageException($"{DatabasePath}: the spec of {what} is not a JSON object");
        document["id"] = id;
        document["kind"] = reader.GetString(reader.GetOrdinal("kind"));
        document["createdAt"] = reader.GetString(reader.GetOrdinal("created_at"));
        document["status"] = reader.GetString(reader.GetOrdinal("status"));
        var reason = reader.GetOrdinal("status_reason");
        document["statusReason"] = reader.IsDBNull(reason) ? null : reader.GetString(reason);
        var experiment = Read<Experiment>(document.ToJsonString(StorageJson.Options), what);

        var verdict = reader.GetOrdinal("verdict");
        return reader.IsDBNull(verdict)
            ? experiment
            : experiment with { Verdict = Read<ExperimentVerdict>(reader.GetString(verdict), $"the verdict of {what}") };
    }

    private T Read<T>(string json, string what)
    {
        try
        {
            return StorageJson.Deserialize<T>(json);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new StorageException($"{DatabasePath}: {what} cannot be read ({ex.Message})", ex);
        }
    }
}
