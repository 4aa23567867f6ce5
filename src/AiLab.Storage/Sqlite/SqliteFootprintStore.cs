using System.Globalization;
using AiLab.Core.Footprints;
using AiLab.Storage.Serialization;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>Footprints and change-tier outcomes, in the same SQLite file as the experiments (schema step 7).</summary>
public sealed class SqliteFootprintStore : IFootprintStore
{
    private readonly SqliteDatabase _database;

    internal SqliteFootprintStore(SqliteDatabase database) => _database = database;

    /// <inheritdoc />
    public Task SaveAsync(Footprint footprint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(footprint);
        return _database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT OR REPLACE INTO footprints (workflow, revision, recorded_at, recorded_utc_ticks, document)
                VALUES ($workflow, $revision, $at, $ticks, $document);
                """;
            command.Parameters.AddWithValue("$workflow", footprint.Workflow);
            command.Parameters.AddWithValue("$revision", footprint.Revision);
            command.Parameters.AddWithValue("$at", footprint.RecordedAt.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$ticks", footprint.RecordedAt.UtcTicks);
            command.Parameters.AddWithValue("$document", StorageJson.Serialize(footprint));
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Footprint?> FindAsync(
        string workflow, string revision, CancellationToken cancellationToken = default) =>
        (await QueryAsync<Footprint>("SELECT document FROM footprints WHERE workflow = $a AND revision = $b;",
            workflow, revision, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<Footprint?> LatestAsync(string workflow, CancellationToken cancellationToken = default) =>
        (await QueryAsync<Footprint>(
            "SELECT document FROM footprints WHERE workflow = $a ORDER BY recorded_utc_ticks DESC LIMIT 1;",
            workflow, null, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public Task AddOutcomeAsync(ChangeOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return _database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO change_outcomes (workflow, regressed, experiment_id, recorded_utc_ticks, document)
                VALUES ($workflow, $regressed, $experiment, $ticks, $document);
                """;
            command.Parameters.AddWithValue("$workflow", outcome.Workflow);
            command.Parameters.AddWithValue("$regressed", outcome.Regressed ? 1 : 0);
            command.Parameters.AddWithValue("$experiment", (object?)outcome.ExperimentId ?? DBNull.Value);
            command.Parameters.AddWithValue("$ticks", outcome.RecordedAt.UtcTicks);
            command.Parameters.AddWithValue("$document", StorageJson.Serialize(outcome));
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChangeOutcome>> OutcomesAsync(CancellationToken cancellationToken = default) =>
        await QueryAsync<ChangeOutcome>("SELECT document FROM change_outcomes ORDER BY recorded_utc_ticks, rowid;",
            null, null, cancellationToken).ConfigureAwait(false);

    private Task<List<T>> QueryAsync<T>(string sql, string? a, string? b, CancellationToken cancellationToken) =>
        _database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            if (a is not null) command.Parameters.AddWithValue("$a", a);
            if (b is not null) command.Parameters.AddWithValue("$b", b);
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var found = new List<T>();
            while (await reader.ReadAsync(token).ConfigureAwait(false))
                found.Add(FootprintDocuments.Read<T>(reader.GetString(0), _database.Path));
            return found;
        }, cancellationToken);
}
