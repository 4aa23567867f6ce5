using System.Globalization;
using AiLab.Core.Footprints;
using AiLab.Storage.Serialization;
using Npgsql;

namespace AiLab.Storage.Postgres;

/// <summary>Footprints and change-tier outcomes in PostgreSQL (schema step 7).</summary>
public sealed class PostgresFootprintStore : IFootprintStore
{
    private readonly PostgresDatabase _database;

    internal PostgresFootprintStore(PostgresDatabase database) => _database = database;

    /// <inheritdoc />
    public Task SaveAsync(Footprint footprint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(footprint);
        return _database.RunAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO footprints (workflow, revision, recorded_at, recorded_utc_ticks, document)
                VALUES (@workflow, @revision, @at, @ticks, @document)
                ON CONFLICT (workflow, revision) DO UPDATE SET recorded_at = EXCLUDED.recorded_at,
                    recorded_utc_ticks = EXCLUDED.recorded_utc_ticks, document = EXCLUDED.document;
                """, connection);
            command.Parameters.AddWithValue("workflow", footprint.Workflow);
            command.Parameters.AddWithValue("revision", footprint.Revision);
            command.Parameters.AddWithValue("at", footprint.RecordedAt.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("ticks", footprint.RecordedAt.UtcTicks);
            command.Parameters.AddWithValue("document", StorageJson.Serialize(footprint));
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Footprint?> FindAsync(
        string workflow, string revision, CancellationToken cancellationToken = default) =>
        (await QueryAsync<Footprint>("SELECT document FROM footprints WHERE workflow = @a AND revision = @b;",
            workflow, revision, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<Footprint?> LatestAsync(string workflow, CancellationToken cancellationToken = default) =>
        (await QueryAsync<Footprint>(
            "SELECT document FROM footprints WHERE workflow = @a ORDER BY recorded_utc_ticks DESC LIMIT 1;",
            workflow, null, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public Task AddOutcomeAsync(ChangeOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return _database.RunAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO change_outcomes (workflow, regressed, experiment_id, recorded_utc_ticks, document)
                VALUES (@workflow, @regressed, @experiment, @ticks, @document);
                """, connection);
            command.Parameters.AddWithValue("workflow", outcome.Workflow);
            command.Parameters.AddWithValue("regressed", outcome.Regressed);
            command.Parameters.AddWithValue("experiment", (object?)outcome.ExperimentId ?? DBNull.Value);
            command.Parameters.AddWithValue("ticks", outcome.RecordedAt.UtcTicks);
            command.Parameters.AddWithValue("document", StorageJson.Serialize(outcome));
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChangeOutcome>> OutcomesAsync(CancellationToken cancellationToken = default) =>
        await QueryAsync<ChangeOutcome>("SELECT document FROM change_outcomes ORDER BY recorded_utc_ticks, seq;",
            null, null, cancellationToken).ConfigureAwait(false);

    private Task<List<T>> QueryAsync<T>(string sql, string? a, string? b, CancellationToken cancellationToken) =>
        _database.RunAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            if (a is not null) command.Parameters.AddWithValue("a", a);
            if (b is not null) command.Parameters.AddWithValue("b", b);
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var found = new List<T>();
            while (await reader.ReadAsync(token).ConfigureAwait(false))
                found.Add(FootprintDocuments.Read<T>(reader.GetString(0), _database.Display));
            return found;
        }, cancellationToken);
}
