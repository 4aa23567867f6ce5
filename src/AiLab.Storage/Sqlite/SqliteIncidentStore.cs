using System.Globalization;
using System.Text.Json.Nodes;
using AiLab.Core.Incidents;
using AiLab.Storage.Serialization;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>Incidents and their delivery attempts, in the same SQLite file as the experiments (WAL, full fsync).</summary>
public sealed class SqliteIncidentStore : IIncidentStore, IDisposable
{
    private const int ConstraintForeignKey = 787;

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    /// <summary>Opens (or creates, with its parent directories) the database at <paramref name="path"/>.</summary>
    /// <exception cref="StorageException">The file is not an SQLite database, is corrupt, or has a newer schema.</exception>
    public SqliteIncidentStore(string path)
        : this(path, StoreAccess.ReadWrite)
    {
    }

    /// <summary>Opens the database at <paramref name="path"/> for <paramref name="access"/>; a read-only open never
    /// creates or writes anything, and a missing database reads as empty.</summary>
    /// <exception cref="StorageException">The file is not an SQLite database, is corrupt, or has a newer schema.</exception>
    public SqliteIncidentStore(string path, StoreAccess access)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        DatabasePath = Path.GetFullPath(path);
        (_connection, _) = SqliteDatabase.Open(DatabasePath, SchemaMigrations.All, access);
    }

    /// <summary>Absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public RecordedIncident Record(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            // DO NOTHING, not REPLACE: the first record of an attribution keeps its creation time and status.
            command.CommandText = """
                INSERT INTO incidents (id, created_at, created_utc_ticks, status, workflow, repository, metric, phase, commit_sha, document)
                VALUES ($id, $createdAt, $ticks, $status, $workflow, $repository, $metric, $phase, $sha, $document)
                ON CONFLICT (id) DO NOTHING;
                """;
            var p = command.Parameters;
            p.AddWithValue("$id", incident.Id);
            p.AddWithValue("$createdAt", incident.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            p.AddWithValue("$ticks", incident.CreatedAt.UtcTicks);
            p.AddWithValue("$status", StorageJson.EnumName(incident.Status));
            p.AddWithValue("$workflow", incident.Workflow);
            p.AddWithValue("$repository", incident.Repository);
            p.AddWithValue("$metric", incident.Metric);
            p.AddWithValue("$phase", (object?)incident.Phase ?? DBNull.Value);
            p.AddWithValue("$sha", incident.Culprit.Sha);
            p.AddWithValue("$document", StorageJson.Serialize(incident));
            var inserted = command.ExecuteNonQuery() == 1;
            var stored = inserted ? incident : QueryIncidents("SELECT * FROM incidents WHERE id = $p;", incident.Id, transaction)[0];
            transaction.Commit();
            return new RecordedIncident(stored, inserted);
        }
    }

    /// <inheritdoc />
    public Incident? Find(string idOrPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        lock (_gate)
        {
            var exact = QueryIncidents("SELECT * FROM incidents WHERE id = $p;", idOrPrefix);
            if (exact.Count == 1)
                return exact[0];

            var matches = QueryIncidents("SELECT * FROM incidents WHERE substr(id, 1, length($p)) = $p ORDER BY id;", idOrPrefix);
            return matches.Count switch
            {
                0 => null,
                1 => matches[0],
                _ => throw new AmbiguousIncidentIdException(idOrPrefix, [.. matches.Select(i => i.Id)]),
            };
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<Incident> List(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        lock (_gate)
        {
            return QueryIncidents("SELECT * FROM incidents ORDER BY created_utc_ticks DESC, rowid DESC LIMIT $p;", limit);
        }
    }

    /// <inheritdoc />
    public void UpdateStatus(string incidentId, IncidentStatus status)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "UPDATE incidents SET status = $status WHERE id = $id;";
            command.Parameters.AddWithValue("$id", incidentId);
            command.Parameters.AddWithValue("$status", StorageJson.EnumName(status));
            if (command.ExecuteNonQuery() == 0)
                throw new InvalidOperationException($"incident '{incidentId}' is not in {DatabasePath}");
        }
    }

    /// <inheritdoc />
    public void RecordAttempt(DeliveryAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT INTO deliveries (incident_id, sink, attempted_at, succeeded, error, reference)
                VALUES ($incident, $sink, $at, $ok, $error, $reference);
                """;
            var p = command.Parameters;
            p.AddWithValue("$incident", attempt.IncidentId);
            p.AddWithValue("$sink", attempt.Sink);
            p.AddWithValue("$at", attempt.At.ToString("O", CultureInfo.InvariantCulture));
            p.AddWithValue("$ok", attempt.Succeeded);
            p.AddWithValue("$error", (object?)attempt.Error ?? DBNull.Value);
            p.AddWithValue("$reference", (object?)attempt.Reference ?? DBNull.Value);
            try
            {
                // Autocommit: with synchronous=FULL the attempt is on disk when this returns.
                command.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == ConstraintForeignKey)
            {
                throw new InvalidOperationException($"delivery attempt for incident '{attempt.IncidentId}', which is not in {DatabasePath}", ex);
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<DeliveryAttempt> GetAttempts(string incidentId)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT sink, attempted_at, succeeded, error, reference FROM deliveries WHERE incident_id = $id ORDER BY rowid;
                """;
            command.Parameters.AddWithValue("$id", incidentId);
            using var reader = command.ExecuteReader();
            var attempts = new List<DeliveryAttempt>();
            while (reader.Read())
            {
                attempts.Add(new DeliveryAttempt(
                    incidentId,
                    reader.GetString(0),
                    DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    reader.GetBoolean(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
            }

            return attempts;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<PendingDelivery> ListPending(IReadOnlyCollection<string> sinks)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        if (sinks.Count == 0)
            return [];

        lock (_gate)
        {
            var open = QueryIncidents("SELECT * FROM incidents WHERE status = $p ORDER BY created_utc_ticks, rowid;", StorageJson.EnumName(IncidentStatus.Open));
            var pending = new List<PendingDelivery>();
            foreach (var incident in open)
            {
                var bySink = Summaries(incident.Id);
                foreach (var sink in sinks)
                {
                    var (delivered, failures, lastError) = bySink.GetValueOrDefault(sink);
                    if (!delivered)
                        pending.Add(new PendingDelivery(incident, sink, failures, lastError));
                }
            }

            return pending;
        }
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    private Dictionary<string, (bool Delivered, int Failures, string? LastError)> Summaries(string incidentId)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT sink, max(succeeded), sum(1 - succeeded),
                   (SELECT d2.error FROM deliveries d2 WHERE d2.incident_id = d.incident_id AND d2.sink = d.sink ORDER BY d2.rowid DESC LIMIT 1)
            FROM deliveries d WHERE incident_id = $id GROUP BY sink;
            """;
        command.Parameters.AddWithValue("$id", incidentId);
        using var reader = command.ExecuteReader();
        var result = new Dictionary<string, (bool, int, string?)>(StringComparer.Ordinal);
        while (reader.Read())
            result[reader.GetString(0)] = (reader.GetInt64(1) == 1, reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        return result;
    }

    private List<Incident> QueryIncidents(string sql, object parameter, SqliteTransaction? transaction = null)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$p", parameter);
        using var reader = command.ExecuteReader();
        var incidents = new List<Incident>();
        while (reader.Read())
            incidents.Add(ReadIncident(reader));
        return incidents;
    }

    private Incident ReadIncident(SqliteDataReader reader)
    {
        var id = reader.GetString(reader.GetOrdinal("id"));
        try
        {
            var document = JsonNode.Parse(reader.GetString(reader.GetOrdinal("document"))) as JsonObject
                ?? throw new StorageException($"{DatabasePath}: incident '{id}' is not a JSON object");
            // The status column is the truth: UpdateStatus changes it, not the document.
            document["status"] = reader.GetString(reader.GetOrdinal("status"));
            var incident = StorageJson.Deserialize<Incident>(document.ToJsonString(StorageJson.Options));
            if (incident.Id != id)
                throw new StorageException($"{DatabasePath}: incident '{id}' describes the attribution of '{incident.Id}'; the row was altered");
            return incident;
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new StorageException($"{DatabasePath}: incident '{id}' cannot be read ({ex.Message})", ex);
        }
    }
}
