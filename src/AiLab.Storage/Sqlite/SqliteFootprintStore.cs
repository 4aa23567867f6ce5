using System.Globalization;
using AiLab.Core.Footprints;
using AiLab.Storage.Serialization;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>Footprints and change-tier outcomes, in the same SQLite file as the experiments (schema step 7).</summary>
public sealed class SqliteFootprintStore : IFootprintStore, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    /// <summary>Opens the database at <paramref name="path"/> for <paramref name="access"/>.</summary>
    /// <exception cref="StorageException">The file is not an SQLite database, is corrupt, or has a newer
    /// schema.</exception>
    public SqliteFootprintStore(string path, StoreAccess access = StoreAccess.ReadWrite)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        DatabasePath = Path.GetFullPath(path);
        (_connection, _) = SqliteDatabase.Open(DatabasePath, SchemaMigrations.All, access);
    }

    /// <summary>Absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public void Save(Footprint footprint)
    {
        ArgumentNullException.ThrowIfNull(footprint);
        Execute("""
            INSERT OR REPLACE INTO footprints (workflow, revision, recorded_at, recorded_utc_ticks, document)
            VALUES ($workflow, $revision, $at, $ticks, $document);
            """,
            ("$workflow", footprint.Workflow), ("$revision", footprint.Revision),
            ("$at", footprint.RecordedAt.ToString("O", CultureInfo.InvariantCulture)),
            ("$ticks", footprint.RecordedAt.UtcTicks), ("$document", StorageJson.Serialize(footprint)));
    }

    /// <inheritdoc />
    public Footprint? Find(string workflow, string revision) => Query<Footprint>(
        "SELECT document FROM footprints WHERE workflow = $a AND revision = $b;", workflow, revision).FirstOrDefault();

    /// <inheritdoc />
    public Footprint? Latest(string workflow) => Query<Footprint>(
        "SELECT document FROM footprints WHERE workflow = $a ORDER BY recorded_utc_ticks DESC LIMIT 1;", workflow, "")
        .FirstOrDefault();

    /// <inheritdoc />
    public void AddOutcome(ChangeOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Execute("""
            INSERT INTO change_outcomes (workflow, regressed, experiment_id, recorded_utc_ticks, document)
            VALUES ($workflow, $regressed, $experiment, $ticks, $document);
            """,
            ("$workflow", outcome.Workflow), ("$regressed", outcome.Regressed ? 1 : 0),
            ("$experiment", (object?)outcome.ExperimentId ?? DBNull.Value), ("$ticks", outcome.RecordedAt.UtcTicks),
            ("$document", StorageJson.Serialize(outcome)));
    }

    /// <inheritdoc />
    public IReadOnlyList<ChangeOutcome> Outcomes() => Query<ChangeOutcome>(
        "SELECT document FROM change_outcomes ORDER BY recorded_utc_ticks, rowid;", "", "");

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
            command.ExecuteNonQuery();
        }
    }

    private List<T> Query<T>(string sql, string a, string b)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            if (sql.Contains("$a", StringComparison.Ordinal)) command.Parameters.AddWithValue("$a", a);
            if (sql.Contains("$b", StringComparison.Ordinal)) command.Parameters.AddWithValue("$b", b);
            using var reader = command.ExecuteReader();
            var found = new List<T>();
            while (reader.Read())
            {
                try
                {
                    found.Add(StorageJson.Deserialize<T>(reader.GetString(0)));
                }
                catch (System.Text.Json.JsonException e)
                {
                    throw new StorageException($"{DatabasePath}: a stored {typeof(T).Name} cannot be read: " +
                        $"{e.Message}", e);
                }
            }

            return found;
        }
    }
}
