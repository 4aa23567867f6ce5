using System.Globalization;
using AiLab.Core.Incidents;
using AiLab.Storage.Schema;
using AiLab.Storage.Serialization;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>Incidents and their delivery attempts, in the same SQLite file as the experiments (WAL, full fsync).</summary>
public sealed class SqliteIncidentStore : IIncidentStore, IDisposable
{
    private const int ConstraintForeignKey = 787;

    private readonly SqliteDatabase _database;
    private readonly bool _ownsDatabase = true;

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
        _database = SqliteDatabase.Open(DatabasePath, SchemaMigrations.All, access);
    }

    /// <summary>A store on a database another owner opened and closes (<see cref="StoreFactory"/>).</summary>
    internal SqliteIncidentStore(SqliteDatabase database)
    {
        _database = database;
        _ownsDatabase = false;
        DatabasePath = database.Path;
    }

    /// <summary>Absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public Task<RecordedIncident> RecordAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return _database.RunAsync(async (connection, token) =>
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // DO NOTHING, not REPLACE: the first record of an attribution keeps its creation time and status.
            command.CommandText = """
                INSERT INTO incidents (id, created_at, created_utc_ticks, status, workflow, repository, metric, phase,
                                       commit_sha, document)
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
            var inserted = await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 1;
            var stored = inserted
                ? incident
                : (await QueryIncidentsAsync(connection, "SELECT * FROM incidents WHERE id = $p;", incident.Id, token,
                    transaction).ConfigureAwait(false))[0];
            await transaction.CommitAsync(token).ConfigureAwait(false);
            return new RecordedIncident(stored, inserted);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Incident?> FindAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        return _database.RunAsync(async (connection, token) =>
        {
            var exact = await QueryIncidentsAsync(connection, "SELECT * FROM incidents WHERE id = $p;", idOrPrefix,
                token).ConfigureAwait(false);
            if (exact.Count == 1)
                return exact[0];

            var matches = await QueryIncidentsAsync(
                connection, "SELECT * FROM incidents WHERE substr(id, 1, length($p)) = $p ORDER BY id;", idOrPrefix,
                token).ConfigureAwait(false);
            return matches.Count switch
            {
                0 => null,
                1 => matches[0],
                _ => throw new AmbiguousIncidentIdException(idOrPrefix, [.. matches.Select(i => i.Id)]),
            };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Incident>> ListAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return _database.RunAsync<IReadOnlyList<Incident>>(
            async (connection, token) => await QueryIncidentsAsync(
                connection, "SELECT * FROM incidents ORDER BY created_utc_ticks DESC, rowid DESC LIMIT $p;", limit,
                token).ConfigureAwait(false),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task UpdateStatusAsync(
        string incidentId, IncidentStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        return _database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE incidents SET status = $status WHERE id = $id;";
            command.Parameters.AddWithValue("$id", incidentId);
            command.Parameters.AddWithValue("$status", StorageJson.EnumName(status));
            if (await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 0)
                throw new InvalidOperationException($"incident '{incidentId}' is not in {DatabasePath}");
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task RecordAttemptAsync(DeliveryAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return _database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
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
                await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }
            catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == ConstraintForeignKey)
            {
                throw new InvalidOperationException(
                    $"delivery attempt for incident '{attempt.IncidentId}', which is not in {DatabasePath}", ex);
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeliveryAttempt>> GetAttemptsAsync(
        string incidentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        return _database.RunAsync<IReadOnlyList<DeliveryAttempt>>(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT sink, attempted_at, succeeded, error, reference FROM deliveries WHERE incident_id = $id
                ORDER BY rowid;
                """;
            command.Parameters.AddWithValue("$id", incidentId);
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var attempts = new List<DeliveryAttempt>();
            while (await reader.ReadAsync(token).ConfigureAwait(false))
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
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PendingDelivery>> ListPendingAsync(
        IReadOnlyCollection<string> sinks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        if (sinks.Count == 0)
            return Task.FromResult<IReadOnlyList<PendingDelivery>>([]);

        return _database.RunAsync<IReadOnlyList<PendingDelivery>>(async (connection, token) =>
        {
            var open = await QueryIncidentsAsync(
                connection, "SELECT * FROM incidents WHERE status = $p ORDER BY created_utc_ticks, rowid;",
                StorageJson.EnumName(IncidentStatus.Open), token).ConfigureAwait(false);
            var pending = new List<PendingDelivery>();
            foreach (var incident in open)
            {
                var bySink = await SummariesAsync(connection, incident.Id, token).ConfigureAwait(false);
                foreach (var sink in sinks)
                {
                    var (delivered, failures, lastError) = bySink.GetValueOrDefault(sink);
                    if (!delivered)
                        pending.Add(new PendingDelivery(incident, sink, failures, lastError));
                }
            }

            return pending;
        }, cancellationToken);
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        if (_ownsDatabase) _database.Dispose();
    }

    private static async Task<Dictionary<string, (bool Delivered, int Failures, string? LastError)>> SummariesAsync(
        SqliteConnection connection, string incidentId, CancellationToken token)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sink, max(succeeded), sum(1 - succeeded),
                   (SELECT d2.error FROM deliveries d2 WHERE d2.incident_id = d.incident_id AND d2.sink = d.sink
                    ORDER BY d2.rowid DESC LIMIT 1)
            FROM deliveries d WHERE incident_id = $id GROUP BY sink;
            """;
        command.Parameters.AddWithValue("$id", incidentId);
        await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
        var result = new Dictionary<string, (bool, int, string?)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(token).ConfigureAwait(false))
        {
            result[reader.GetString(0)] =
                (reader.GetInt64(1) == 1, reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        }

        return result;
    }

    private async Task<List<Incident>> QueryIncidentsAsync(
        SqliteConnection connection, string sql, object parameter, CancellationToken token,
        SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$p", parameter);
        await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
        var incidents = new List<Incident>();
        while (await reader.ReadAsync(token).ConfigureAwait(false))
            incidents.Add(IncidentDocuments.Read(
                DatabasePath, reader.GetString(reader.GetOrdinal("id")), reader.GetString(reader.GetOrdinal("status")),
                reader.GetString(reader.GetOrdinal("document"))));
        return incidents;
    }
}
