using System.Globalization;
using System.Text.Json;
using AiLab.Core.Calibrations;
using AiLab.Core.Experiments;
using AiLab.Storage.Schema;
using AiLab.Storage.Serialization;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>Calibrations in the same SQLite file as the experiments they pooled.</summary>
public sealed class SqliteCalibrationStore : ICalibrationStore, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly bool _ownsDatabase = true;

    /// <summary>Opens (or creates) the database at <paramref name="path"/>.</summary>
    /// <exception cref="StorageException">The file is not an SQLite database, is corrupt, or has a newer schema.</exception>
    public SqliteCalibrationStore(string path)
        : this(path, StoreAccess.ReadWrite)
    {
    }

    /// <summary>Opens the database at <paramref name="path"/> for <paramref name="access"/>; a read-only open never
    /// creates or writes anything, and a missing database reads as empty.</summary>
    /// <exception cref="StorageException">The file is not an SQLite database, is corrupt, or has a newer schema.</exception>
    public SqliteCalibrationStore(string path, StoreAccess access)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        DatabasePath = Path.GetFullPath(path);
        _database = SqliteDatabase.Open(DatabasePath, SchemaMigrations.All, access);
    }

    /// <summary>A store on a database another owner opened and closes (<see cref="StoreFactory"/>).</summary>
    internal SqliteCalibrationStore(SqliteDatabase database)
    {
        _database = database;
        _ownsDatabase = false;
        DatabasePath = database.Path;
    }

    /// <summary>Absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public Task AddAsync(Calibration calibration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        return _database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO calibrations (id, workflow_key, created_at, created_utc_ticks, document)
                VALUES ($id, $key, $createdAt, $ticks, $document);
                """;
            command.Parameters.AddWithValue("$id", calibration.Id);
            command.Parameters.AddWithValue("$key", calibration.WorkflowKey);
            command.Parameters.AddWithValue(
                "$createdAt", calibration.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$ticks", calibration.CreatedAt.UtcTicks);
            command.Parameters.AddWithValue("$document", StorageJson.Serialize(calibration));
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Calibration?> LatestAsync(string workflowKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowKey);
        var found = await QueryAsync(
            "SELECT id, document FROM calibrations WHERE workflow_key = $p ORDER BY created_utc_ticks DESC LIMIT 1;",
            workflowKey, cancellationToken).ConfigureAwait(false);
        return found.FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<Calibration?> FindAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        var exact = await QueryAsync("SELECT id, document FROM calibrations WHERE id = $p;", idOrPrefix,
            cancellationToken).ConfigureAwait(false);
        if (exact.Count == 1) return exact[0];
        var matches = await QueryAsync(
            "SELECT id, document FROM calibrations WHERE substr(id, 1, length($p)) = $p ORDER BY id;", idOrPrefix,
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
        await QueryAsync("SELECT id, document FROM calibrations ORDER BY created_utc_ticks DESC LIMIT $p;", limit,
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsDatabase) _database.Dispose();
    }

    private Task<List<Calibration>> QueryAsync(string sql, object parameter, CancellationToken cancellationToken) =>
        _database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$p", parameter);
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var found = new List<Calibration>();
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                var id = reader.GetString(0);
                try
                {
                    found.Add(StorageJson.Deserialize<Calibration>(reader.GetString(1)));
                }
                catch (JsonException e)
                {
                    throw new StorageException($"{DatabasePath}: calibration '{id}' cannot be read: {e.Message}", e);
                }
            }

            return found;
        }, cancellationToken);
}
