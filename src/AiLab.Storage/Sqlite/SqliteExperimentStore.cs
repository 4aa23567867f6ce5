using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.Core.Experiments.Leases;
using AiLab.Core.Trials;
using AiLab.Storage.Serialization;
using AiLab.Storage.Schema;
using AiLab.Storage.Shared;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>Experiments and trials in one SQLite file (WAL), safe to open from several processes at once.</summary>
public sealed partial class SqliteExperimentStore : IExperimentStore, ILeaseStore, IDisposable
{
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintForeignKey = 787;

    private readonly SqliteDatabase _database;
    private readonly bool _ownsDatabase = true;

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

    internal SqliteExperimentStore(
        string path, IReadOnlyList<SchemaMigration> migrations, StoreAccess access = StoreAccess.ReadWrite)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        DatabasePath = Path.GetFullPath(path);
        _database = SqliteDatabase.Open(DatabasePath, migrations, access);
    }

    /// <summary>A store on a database another owner opened and closes (<see cref="StoreFactory"/>).</summary>
    internal SqliteExperimentStore(SqliteDatabase database)
    {
        _database = database;
        _ownsDatabase = false;
        DatabasePath = database.Path;
    }

    /// <summary>Absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The schema version (the latest step in <c>schema_migrations</c>) after opening.</summary>
    public int SchemaVersion => _database.SchemaVersion;

    /// <inheritdoc />
    public Task CreateAsync(Experiment experiment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var spec = ExperimentDocuments.Spec(experiment);

        return _database.RunAsync(async (connection, token) =>
        {
            await using var transaction = connection.BeginTransaction();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO experiments (id, kind, created_at, created_utc_ticks, status, status_reason, spec, verdict,
                                         workflow)
                VALUES ($id, $kind, $createdAt, $ticks, $status, $reason, $spec, $verdict, $workflow);
                """;
            command.Parameters.AddWithValue("$id", experiment.Id);
            command.Parameters.AddWithValue("$kind", StorageJson.EnumName(experiment.Kind));
            command.Parameters.AddWithValue(
                "$createdAt", experiment.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$ticks", experiment.CreatedAt.UtcTicks);
            AddStatus(command, experiment);
            command.Parameters.AddWithValue("$spec", spec);
            try
            {
                await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }
            catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == ConstraintPrimaryKey)
            {
                throw new InvalidOperationException(
                    $"experiment '{experiment.Id}' already exists in {DatabasePath}", ex);
            }

            await ExperimentDigests.WriteAsync(connection, transaction, experiment, token).ConfigureAwait(false);
            await transaction.CommitAsync(token).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task UpdateAsync(Experiment experiment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        // The spec is rewritten too: an extended default experiment changes its trial count and extension history.
        var spec = ExperimentDocuments.Spec(experiment);
        return _database.RunAsync(async (connection, token) =>
        {
            await using var transaction = connection.BeginTransaction();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE experiments SET status = $status, status_reason = $reason, verdict = $verdict, spec = $spec,
                                       workflow = $workflow
                WHERE id = $id;
                """;
            command.Parameters.AddWithValue("$id", experiment.Id);
            command.Parameters.AddWithValue("$spec", spec);
            AddStatus(command, experiment);
            if (await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 0)
                throw new InvalidOperationException(
                    $"experiment '{experiment.Id}' is not in {DatabasePath}; create it before updating it");
            await ExperimentDigests.WriteAsync(connection, transaction, experiment, token).ConfigureAwait(false);
            await transaction.CommitAsync(token).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task AddTrialAsync(TrialRecord trial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return AddTrialsAsync([trial], cancellationToken);
    }

    /// <inheritdoc />
    public Task AddTrialsAsync(IReadOnlyList<TrialRecord> trials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trials);
        return _database.RunAsync(async (connection, token) =>
        {
            // One transaction: with synchronous=FULL the commit reaches the disk before we return.
            await using var transaction = connection.BeginTransaction();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO trials (experiment_id, sequence, variant, is_warmup, status, failure, ttfb_ms, wall_ms,
                                    cpu_user_ms, cpu_system_ms, peak_rss_bytes, started_at, log_path, result,
                                    other_cpu_cores)
                VALUES ($experiment, $sequence, $variant, $warmup, $status, $failure, $ttfb, $wall,
                        $cpuUser, $cpuSystem, $rss, $startedAt, $log, $result, $otherCpu)
                ON CONFLICT (experiment_id, sequence) DO UPDATE SET
                    variant = excluded.variant, is_warmup = excluded.is_warmup, status = excluded.status,
                    failure = excluded.failure, ttfb_ms = excluded.ttfb_ms, wall_ms = excluded.wall_ms,
                    cpu_user_ms = excluded.cpu_user_ms, cpu_system_ms = excluded.cpu_system_ms,
                    peak_rss_bytes = excluded.peak_rss_bytes, started_at = excluded.started_at,
                    log_path = excluded.log_path, result = excluded.result, other_cpu_cores = excluded.other_cpu_cores;
                """;
            foreach (var trial in trials)
            {
                var result = trial.Result;
                var p = command.Parameters;
                p.Clear();
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
                p.AddWithValue("$result", StorageJson.Serialize(result));
                p.AddWithValue(
                    "$otherCpu",
                    (object?)(result.Machine?.OtherCpuCoresOnPinned ?? result.Machine?.OtherCpuCores) ?? DBNull.Value);
                try
                {
                    await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }
                catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == ConstraintForeignKey)
                {
                    throw new InvalidOperationException(
                        $"trial {trial.Sequence} belongs to experiment '{trial.ExperimentId}', "
                        + $"which is not in {DatabasePath}",
                        ex);
                }
            }

            await transaction.CommitAsync(token).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Experiment?> FindAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        return _database.RunAsync(async (connection, token) =>
        {
            // An exact id wins even when it is also the prefix of longer ids (ab-1 and ab-10).
            var exact = await QueryAsync(connection, "SELECT * FROM experiments WHERE id = $p;", idOrPrefix, 0, token)
                .ConfigureAwait(false);
            if (exact.Count == 1)
                return exact[0];

            // A range of the primary key's index (BINARY collation: UTF-8 byte order, so every id that starts
            // with the prefix lies in [p, p || U+10FFFF)), not a scan of the table.
            var matches = await QueryAsync(
                connection, "SELECT * FROM experiments WHERE id >= $p AND id < $p || char(1114111) ORDER BY id;",
                idOrPrefix, 0, token).ConfigureAwait(false);
            return matches.Count switch
            {
                0 => null,
                1 => matches[0],
                _ => throw new AmbiguousIdException(idOrPrefix, [.. matches.Select(e => e.Id)]),
            };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Experiment>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return _database.RunAsync<IReadOnlyList<Experiment>>(
            async (connection, token) => await QueryAsync(
                connection, "SELECT * FROM experiments ORDER BY created_utc_ticks DESC, rowid DESC LIMIT $limit;",
                null, limit, token).ConfigureAwait(false),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string id, CancellationToken cancellationToken = default) =>
        WorkflowQueries.ExistsAsync(_database, id, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentDigest>> DigestsAsync(
        string? workflow, int limit, string? afterId = null, CancellationToken cancellationToken = default) =>
        ExperimentDigests.ListAsync(_database, workflow, limit, afterId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WorkflowCount>> WorkflowsAsync(CancellationToken cancellationToken = default) =>
        WorkflowQueries.WorkflowsAsync(_database, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Experiment>> ListByWorkflowAsync(
        string workflow, int limit, CancellationToken cancellationToken = default) =>
        WorkflowQueries.ListByWorkflowAsync(_database, workflow, limit, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TrialRecord>> GetTrialsAsync(
        string experimentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experimentId);
        return _database.RunAsync<IReadOnlyList<TrialRecord>>(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT sequence, variant, is_warmup, result FROM trials WHERE experiment_id = $id ORDER BY sequence;
                """;
            command.Parameters.AddWithValue("$id", experimentId);
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var trials = new List<TrialRecord>();
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                var sequence = reader.GetInt32(0);
                var result = Read<TrialResult>(reader.GetString(3), $"trial {sequence} of experiment '{experimentId}'");
                trials.Add(new TrialRecord(experimentId, sequence, reader.GetString(1), reader.GetBoolean(2), result));
            }

            return trials;
        }, cancellationToken);
    }

    /// <summary>Closes the file; the last process to close it folds the WAL back into it.</summary>
    public void Dispose()
    {
        if (_ownsDatabase) _database.Dispose();
    }

    private static void AddStatus(SqliteCommand command, Experiment experiment)
    {
        command.Parameters.AddWithValue("$status", StorageJson.EnumName(experiment.Status));
        command.Parameters.AddWithValue("$workflow", experiment.Workflow.Name);
        command.Parameters.AddWithValue("$reason", (object?)experiment.StatusReason ?? DBNull.Value);
        command.Parameters.AddWithValue(
            "$verdict", experiment.Verdict is null ? DBNull.Value : StorageJson.Serialize(experiment.Verdict));
    }

    private async Task<List<Experiment>> QueryAsync(
        SqliteConnection connection, string sql, string? prefix, int limit, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (prefix is not null)
            command.Parameters.AddWithValue("$p", prefix);
        else
            command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var experiments = new List<Experiment>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            experiments.Add(ReadExperiment(reader));
        return experiments;
    }

    private Experiment ReadExperiment(SqliteDataReader reader) => ExperimentDocuments.Read(reader, DatabasePath);

    private T Read<T>(string json, string what) => ExperimentDocuments.Deserialize<T>(json, DatabasePath, what);
}
