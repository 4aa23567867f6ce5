using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Storage.Serialization;
using AiLab.Storage.Shared;
using Npgsql;

namespace AiLab.Storage.Postgres;

/// <summary>Experiments and trials in PostgreSQL: the same rows as the SQLite store, for a lab shared by a team.</summary>
public sealed partial class PostgresExperimentStore : IExperimentStore
{
    private const string UniqueViolation = "23505";
    private const string ForeignKeyViolation = "23503";

    private const string InsertTrial = """
        INSERT INTO trials (experiment_id, sequence, variant, is_warmup, status, failure, ttfb_ms, wall_ms,
                            cpu_user_ms, cpu_system_ms, peak_rss_bytes, started_at, log_path, result,
                            other_cpu_cores)
        VALUES (@experiment, @sequence, @variant, @warmup, @status, @failure, @ttfb, @wall,
                @cpuUser, @cpuSystem, @rss, @startedAt, @log, @result, @otherCpu)
        ON CONFLICT (experiment_id, sequence) DO UPDATE SET
            variant = excluded.variant, is_warmup = excluded.is_warmup, status = excluded.status,
            failure = excluded.failure, ttfb_ms = excluded.ttfb_ms, wall_ms = excluded.wall_ms,
            cpu_user_ms = excluded.cpu_user_ms, cpu_system_ms = excluded.cpu_system_ms,
            peak_rss_bytes = excluded.peak_rss_bytes, started_at = excluded.started_at,
            log_path = excluded.log_path, result = excluded.result, other_cpu_cores = excluded.other_cpu_cores;
        """;

    private readonly PostgresDatabase _database;

    internal PostgresExperimentStore(PostgresDatabase database) => _database = database;

    private string Where => _database.Display;

    /// <inheritdoc />
    public Task CreateAsync(Experiment experiment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var spec = ExperimentDocuments.Spec(experiment);
        return _database.RunAsync(async (connection, token) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(token).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("""
                INSERT INTO experiments (id, kind, created_at, created_utc_ticks, status, status_reason, spec, verdict,
                                         workflow)
                VALUES (@id, @kind, @createdAt, @ticks, @status, @reason, @spec, @verdict, @workflow);
                """, connection, transaction);
            command.Parameters.AddWithValue("id", experiment.Id);
            command.Parameters.AddWithValue("kind", StorageJson.EnumName(experiment.Kind));
            command.Parameters.AddWithValue("createdAt", experiment.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("ticks", experiment.CreatedAt.UtcTicks);
            command.Parameters.AddWithValue("spec", spec);
            AddStatus(command, experiment);
            try
            {
                await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState == UniqueViolation)
            {
                throw new InvalidOperationException($"experiment '{experiment.Id}' already exists in {Where}", ex);
            }

            await ExperimentDigests.WriteAsync(connection, transaction, experiment, token).ConfigureAwait(false);
            await transaction.CommitAsync(token).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task UpdateAsync(Experiment experiment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var spec = ExperimentDocuments.Spec(experiment);
        return _database.RunAsync(async (connection, token) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(token).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("""
                UPDATE experiments SET status = @status, status_reason = @reason, verdict = @verdict, spec = @spec,
                                       workflow = @workflow
                WHERE id = @id;
                """, connection, transaction);
            command.Parameters.AddWithValue("id", experiment.Id);
            command.Parameters.AddWithValue("spec", spec);
            AddStatus(command, experiment);
            if (await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 0)
                throw new InvalidOperationException(
                    $"experiment '{experiment.Id}' is not in {Where}; create it before updating it");
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
        if (trials.Count == 0) return Task.CompletedTask;
        return _database.RunAsync(async (connection, token) =>
        {
            // One batch (one round trip) in one transaction: durable on the server when the commit returns.
            await using var transaction = await connection.BeginTransactionAsync(token).ConfigureAwait(false);
            var batch = new NpgsqlBatch(connection, transaction);
            await using (batch.ConfigureAwait(false))
            {
                foreach (var trial in trials)
                {
                    var command = new NpgsqlBatchCommand(InsertTrial);
                    TrialParameters.Add(command.Parameters, trial);
                    batch.BatchCommands.Add(command);
                }

                try
                {
                    await batch.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }
                catch (PostgresException ex) when (ex.SqlState == ForeignKeyViolation)
                {
                    throw new InvalidOperationException(
                        $"a trial belongs to an experiment that is not in {Where}: {ex.MessageText}", ex);
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
            var exact = await QueryAsync(connection, "SELECT * FROM experiments WHERE id = @p;", idOrPrefix, token)
                .ConfigureAwait(false);
            if (exact.Count == 1)
                return exact[0];
            // A range of the byte-order index of step 11 (COLLATE "C": every id that starts with the prefix lies in
            // [p, p || U+10FFFF)), not a scan; the database's own collation need not keep prefixes together.
            var matches = await QueryAsync(connection, """
                SELECT * FROM experiments
                WHERE id COLLATE "C" >= @p AND id COLLATE "C" < (@p || chr(1114111)) COLLATE "C"
                ORDER BY id COLLATE "C";
                """, idOrPrefix, token).ConfigureAwait(false);
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
                connection, "SELECT * FROM experiments ORDER BY created_utc_ticks DESC, row_seq DESC LIMIT @p;",
                limit, token).ConfigureAwait(false),
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
            await using var command = new NpgsqlCommand(
                "SELECT sequence, variant, is_warmup, result FROM trials WHERE experiment_id = @id ORDER BY sequence;",
                connection);
            command.Parameters.AddWithValue("id", experimentId);
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var trials = new List<TrialRecord>();
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                var sequence = reader.GetInt32(0);
                var result = ExperimentDocuments.Deserialize<TrialResult>(
                    reader.GetString(3), Where, $"trial {sequence} of experiment '{experimentId}'");
                trials.Add(new TrialRecord(experimentId, sequence, reader.GetString(1), reader.GetBoolean(2), result));
            }

            return trials;
        }, cancellationToken);
    }

    private static void AddStatus(NpgsqlCommand command, Experiment experiment)
    {
        command.Parameters.AddWithValue("status", StorageJson.EnumName(experiment.Status));
        command.Parameters.AddWithValue("workflow", experiment.Workflow.Name);
        command.Parameters.AddWithValue("reason", (object?)experiment.StatusReason ?? DBNull.Value);
        command.Parameters.AddWithValue(
            "verdict", experiment.Verdict is null ? DBNull.Value : StorageJson.Serialize(experiment.Verdict));
    }

    private async Task<List<Experiment>> QueryAsync(
        NpgsqlConnection connection, string sql, object parameter, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", parameter);
        await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
        var experiments = new List<Experiment>();
        while (await reader.ReadAsync(token).ConfigureAwait(false))
            experiments.Add(ExperimentDocuments.Read(reader, Where));
        return experiments;
    }
}
