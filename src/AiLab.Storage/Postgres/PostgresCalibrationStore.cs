using System.Globalization;
using AiLab.Core.Calibrations;
using AiLab.Core.Experiments;
using AiLab.Storage.Serialization;
using Npgsql;

namespace AiLab.Storage.Postgres;

/// <summary>Calibrations in PostgreSQL, beside the experiments they pooled.</summary>
public sealed class PostgresCalibrationStore : ICalibrationStore
{
    private readonly PostgresDatabase _database;

    internal PostgresCalibrationStore(PostgresDatabase database) => _database = database;

    /// <inheritdoc />
    public Task AddAsync(Calibration calibration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        return _database.RunAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO calibrations (id, workflow_key, created_at, created_utc_ticks, document)
                VALUES (@id, @key, @createdAt, @ticks, @document);
                """, connection);
            command.Parameters.AddWithValue("id", calibration.Id);
            command.Parameters.AddWithValue("key", calibration.WorkflowKey);
            command.Parameters.AddWithValue("createdAt", calibration.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("ticks", calibration.CreatedAt.UtcTicks);
            command.Parameters.AddWithValue("document", StorageJson.Serialize(calibration));
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Calibration?> LatestAsync(string workflowKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowKey);
        var found = await QueryAsync(
            "SELECT id, document FROM calibrations WHERE workflow_key = @p ORDER BY created_utc_ticks DESC LIMIT 1;",
            workflowKey, cancellationToken).ConfigureAwait(false);
        return found.FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<Calibration?> FindAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        var exact = await QueryAsync("SELECT id, document FROM calibrations WHERE id = @p;", idOrPrefix,
            cancellationToken).ConfigureAwait(false);
        if (exact.Count == 1) return exact[0];
        var matches = await QueryAsync(
            "SELECT id, document FROM calibrations WHERE left(id, length(@p)) = @p ORDER BY id;", idOrPrefix,
            cancellationToken).ConfigureAwait(false);
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new AmbiguousIdException(idOrPrefix, [.. matches.Select(c => c.Id)], "calibrations"),
        };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Calibration>> ListAsync(int limit, CancellationToken cancellationToken = default) =>
        await QueryAsync("SELECT id, document FROM calibrations ORDER BY created_utc_ticks DESC LIMIT @p;", limit,
            cancellationToken).ConfigureAwait(false);

    private Task<List<Calibration>> QueryAsync(string sql, object parameter, CancellationToken cancellationToken) =>
        _database.RunAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("p", parameter);
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var found = new List<Calibration>();
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                found.Add(ExperimentDocuments.Deserialize<Calibration>(
                    reader.GetString(1), _database.Display, $"calibration '{reader.GetString(0)}'"));
            }

            return found;
        }, cancellationToken);
}
