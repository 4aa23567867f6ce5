using System.Globalization;
using AiLab.Core.Incidents;
using AiLab.Storage.Serialization;
using Npgsql;

namespace AiLab.Storage.Postgres;

/// <summary>Incidents and their delivery attempts in PostgreSQL.</summary>
public sealed class PostgresIncidentStore : IIncidentStore
{
    private const string ForeignKeyViolation = "23503";

    private readonly PostgresDatabase _database;

    internal PostgresIncidentStore(PostgresDatabase database) => _database = database;

    private string Where => _database.Display;

    /// <inheritdoc />
    public Task<RecordedIncident> RecordAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return _database.RunAsync(async (connection, token) =>
        {
            // DO NOTHING, not an update: the first record of an attribution keeps its creation time and status.
            await using var command = new NpgsqlCommand("""
                INSERT INTO incidents (id, created_at, created_utc_ticks, status, workflow, repository, metric, phase,
                                       commit_sha, document)
                VALUES (@id, @createdAt, @ticks, @status, @workflow, @repository, @metric, @phase, @sha, @document)
                ON CONFLICT (id) DO NOTHING;
                """, connection);
            var p = command.Parameters;
            p.AddWithValue("id", incident.Id);
            p.AddWithValue("createdAt", incident.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            p.AddWithValue("ticks", incident.CreatedAt.UtcTicks);
            p.AddWithValue("status", StorageJson.EnumName(incident.Status));
            p.AddWithValue("workflow", incident.Workflow);
            p.AddWithValue("repository", incident.Repository);
            p.AddWithValue("metric", incident.Metric);
            p.AddWithValue("phase", (object?)incident.Phase ?? DBNull.Value);
            p.AddWithValue("sha", incident.Culprit.Sha);
            p.AddWithValue("document", StorageJson.Serialize(incident));
            if (await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 1)
                return new RecordedIncident(incident, true);
            var stored = await QueryAsync(connection, "SELECT * FROM incidents WHERE id = @p;", incident.Id, token)
                .ConfigureAwait(false);
            return new RecordedIncident(stored[0], false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Incident?> FindAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        return _database.RunAsync(async (connection, token) =>
        {
            var exact = await QueryAsync(connection, "SELECT * FROM incidents WHERE id = @p;", idOrPrefix, token)
                .ConfigureAwait(false);
            if (exact.Count == 1)
                return exact[0];
            var matches = await QueryAsync(
                connection, "SELECT * FROM incidents WHERE left(id, length(@p)) = @p ORDER BY id;", idOrPrefix,
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
            async (connection, token) => await QueryAsync(
                connection, "SELECT * FROM incidents ORDER BY created_utc_ticks DESC, row_seq DESC LIMIT @p;", limit,
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
            await using var command = new NpgsqlCommand(
                "UPDATE incidents SET status = @status WHERE id = @id;", connection);
            command.Parameters.AddWithValue("id", incidentId);
            command.Parameters.AddWithValue("status", StorageJson.EnumName(status));
            if (await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 0)
                throw new InvalidOperationException($"incident '{incidentId}' is not in {Where}");
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task RecordAttemptAsync(DeliveryAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return _database.RunAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO deliveries (incident_id, sink, attempted_at, succeeded, error, reference)
                VALUES (@incident, @sink, @at, @ok, @error, @reference);
                """, connection);
            var p = command.Parameters;
            p.AddWithValue("incident", attempt.IncidentId);
            p.AddWithValue("sink", attempt.Sink);
            p.AddWithValue("at", attempt.At.ToString("O", CultureInfo.InvariantCulture));
            p.AddWithValue("ok", attempt.Succeeded);
            p.AddWithValue("error", (object?)attempt.Error ?? DBNull.Value);
            p.AddWithValue("reference", (object?)attempt.Reference ?? DBNull.Value);
            try
            {
                await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState == ForeignKeyViolation)
            {
                throw new InvalidOperationException(
                    $"delivery attempt for incident '{attempt.IncidentId}', which is not in {Where}", ex);
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
            await using var command = new NpgsqlCommand("""
                SELECT sink, attempted_at, succeeded, error, reference FROM deliveries WHERE incident_id = @id
                ORDER BY row_seq;
                """, connection);
            command.Parameters.AddWithValue("id", incidentId);
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
            var open = await QueryAsync(
                connection, "SELECT * FROM incidents WHERE status = @p ORDER BY created_utc_ticks, row_seq;",
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

    private static async Task<Dictionary<string, (bool Delivered, int Failures, string? LastError)>> SummariesAsync(
        NpgsqlConnection connection, string incidentId, CancellationToken token)
    {
        await using var command = new NpgsqlCommand("""
            SELECT sink, bool_or(succeeded), count(*) FILTER (WHERE NOT succeeded),
                   (SELECT d2.error FROM deliveries d2 WHERE d2.incident_id = d.incident_id AND d2.sink = d.sink
                    ORDER BY d2.row_seq DESC LIMIT 1)
            FROM deliveries d WHERE incident_id = @id GROUP BY incident_id, sink;
            """, connection);
        command.Parameters.AddWithValue("id", incidentId);
        await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
        var result = new Dictionary<string, (bool, int, string?)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(token).ConfigureAwait(false))
        {
            result[reader.GetString(0)] =
                (reader.GetBoolean(1), (int)reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        }

        return result;
    }

    private async Task<List<Incident>> QueryAsync(
        NpgsqlConnection connection, string sql, object parameter, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", parameter);
        await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
        var incidents = new List<Incident>();
        while (await reader.ReadAsync(token).ConfigureAwait(false))
        {
            incidents.Add(IncidentDocuments.Read(
                Where, reader.GetString(reader.GetOrdinal("id")), reader.GetString(reader.GetOrdinal("status")),
                reader.GetString(reader.GetOrdinal("document"))));
        }

        return incidents;
    }
}
