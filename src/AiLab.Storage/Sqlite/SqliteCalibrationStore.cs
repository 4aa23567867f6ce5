using System.Globalization;
using System.Text.Json;
using AiLab.Core.Calibrations;
using AiLab.Core.Experiments;
using AiLab.Storage.Serialization;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>Calibrations in the same SQLite file as the experiments they pooled.</summary>
public sealed class SqliteCalibrationStore : ICalibrationStore, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

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
        (_connection, _) = SqliteDatabase.Open(DatabasePath, SchemaMigrations.All, access);
    }

    /// <summary>Absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public void Add(Calibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT INTO calibrations (id, workflow_key, created_at, created_utc_ticks, document)
                VALUES ($id, $key, $createdAt, $ticks, $document);
                """;
            command.Parameters.AddWithValue("$id", calibration.Id);
            command.Parameters.AddWithValue("$key", calibration.WorkflowKey);
            command.Parameters.AddWithValue("$createdAt", calibration.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$ticks", calibration.CreatedAt.UtcTicks);
            command.Parameters.AddWithValue("$document", StorageJson.Serialize(calibration));
            command.ExecuteNonQuery();
        }
    }

    /// <inheritdoc />
    public Calibration? Latest(string workflowKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowKey);
        return Query("SELECT id, document FROM calibrations WHERE workflow_key = $p ORDER BY created_utc_ticks DESC LIMIT 1;", workflowKey).FirstOrDefault();
    }

    /// <inheritdoc />
    public Calibration? Find(string idOrPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        var exact = Query("SELECT id, document FROM calibrations WHERE id = $p;", idOrPrefix);
        if (exact.Count == 1) return exact[0];
        var matches = Query("SELECT id, document FROM calibrations WHERE substr(id, 1, length($p)) = $p ORDER BY id;", idOrPrefix);
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new AmbiguousIdException(idOrPrefix, [.. matches.Select(c => c.Id)], "calibrations"),
        };
    }

    /// <inheritdoc />
    public IReadOnlyList<Calibration> List(int limit) =>
        Query("SELECT id, document FROM calibrations ORDER BY created_utc_ticks DESC LIMIT $p;", limit);

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private List<Calibration> Query(string sql, object parameter)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$p", parameter);
            using var reader = command.ExecuteReader();
            var found = new List<Calibration>();
            while (reader.Read())
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
        }
    }
}
