using System.Data.Common;
using System.Globalization;
using AiLab.Core.Incidents;
using AiLab.Core.Wire;
using AiLab.Storage.Schema;
using AiLab.Storage.Serialization;

namespace AiLab.Storage.Shared;

/// <summary>Incidents and their delivery attempts (schema step 2) on either engine: the same statements, but for the
/// column that keeps insertion order (SQLite's <c>rowid</c>, PostgreSQL's <c>row_seq</c>).</summary>
internal sealed class IncidentStore(IStoreDatabase database) : IIncidentStore
{
    // Ties of created_utc_ticks (and the attempts of one incident) keep their insertion order.
    private string Sequence => database.Dialect == SqlDialect.Sqlite ? "rowid" : "row_seq";

    /// <inheritdoc />
    public Task<RecordedIncident> RecordAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return database.RunAsync(async (connection, ct) =>
        {
            // One transaction: a record that lost the race reads the winner's row, not a half-written one.
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            // DO NOTHING, not an update: the first record of an attribution keeps its creation time and status.
            await using var insert = Sql.Command(connection, """
                INSERT INTO incidents (id, created_at, created_utc_ticks, status, workflow, repository, metric, phase,
                                       commit_sha, document)
                VALUES (@id, @createdAt, @ticks, @status, @workflow, @repository, @metric, @phase, @sha, @document)
                ON CONFLICT (id) DO NOTHING;
                """, transaction,
                ("id", incident.Id), ("createdAt", Sql.Time(incident.CreatedAt)),
                ("ticks", incident.CreatedAt.UtcTicks),
                ("status", WireNames.Of(incident.Status)), ("workflow", incident.Workflow),
                ("repository", incident.Repository), ("metric", incident.Metric), ("phase", incident.Phase),
                ("sha", incident.Culprit.Sha), ("document", StorageJson.Serialize(incident)));
            var inserted = await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            var stored = inserted
                ? incident
                : (await QueryAsync(connection, transaction, "SELECT * FROM incidents WHERE id = @p;", incident.Id, ct)
                    .ConfigureAwait(false))[0];
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return new RecordedIncident(stored, inserted);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Incident?> FindAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        return database.RunAsync(async (connection, ct) =>
        {
            var exact = await QueryAsync(connection, null, "SELECT * FROM incidents WHERE id = @p;", idOrPrefix, ct)
                .ConfigureAwait(false);
            if (exact.Count == 1)
                return exact[0];
            var matches = await QueryAsync(connection, null,
                "SELECT * FROM incidents WHERE substr(id, 1, length(@p)) = @p ORDER BY id;", idOrPrefix, ct)
                .ConfigureAwait(false);
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
        return database.RunAsync<IReadOnlyList<Incident>>(async (connection, ct) => await QueryAsync(connection, null,
                $"SELECT * FROM incidents ORDER BY created_utc_ticks DESC, {Sequence} DESC LIMIT @p;", limit, ct)
            .ConfigureAwait(false), cancellationToken);
    }

    /// <inheritdoc />
    public async Task UpdateStatusAsync(
        string incidentId, IncidentStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        var changed = await database.ExecuteAsync("UPDATE incidents SET status = @status WHERE id = @id;",
            cancellationToken, ("id", incidentId), ("status", WireNames.Of(status))).ConfigureAwait(false);
        if (changed == 0)
            throw new InvalidOperationException($"incident '{incidentId}' is not in {database.Display}");
    }

    /// <inheritdoc />
    public async Task RecordAttemptAsync(DeliveryAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        // Inserted only beside its incident, so an unknown incident is told by the count, the same on both engines
        // (the foreign key stays the guard against a concurrent delete). A bool binds as INTEGER 0/1 in SQLite and
        // as BOOLEAN in PostgreSQL: each column's type in its dialect. Autocommit: the attempt is durable on return.
        var inserted = await database.ExecuteAsync("""
            INSERT INTO deliveries (incident_id, sink, attempted_at, succeeded, error, reference)
            SELECT id, @sink, @at, @ok, @error, @reference FROM incidents WHERE id = @incident;
            """, cancellationToken,
            ("incident", attempt.IncidentId), ("sink", attempt.Sink), ("at", Sql.Time(attempt.At)),
            ("ok", attempt.Succeeded), ("error", attempt.Error), ("reference", attempt.Reference))
            .ConfigureAwait(false);
        if (inserted == 0)
        {
            throw new InvalidOperationException(
                $"delivery attempt for incident '{attempt.IncidentId}', which is not in {database.Display}");
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeliveryAttempt>> GetAttemptsAsync(
        string incidentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        return await database.QueryAsync($"""
            SELECT sink, attempted_at, succeeded, error, reference FROM deliveries WHERE incident_id = @id
            ORDER BY {Sequence};
            """, r => new DeliveryAttempt(
                incidentId, r.GetString(0),
                DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                r.GetBoolean(2), r.Text("error"), r.Text("reference")),
            cancellationToken, ("id", incidentId)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PendingDelivery>> ListPendingAsync(
        IReadOnlyCollection<string> sinks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        if (sinks.Count == 0)
            return Task.FromResult<IReadOnlyList<PendingDelivery>>([]);
        return database.RunAsync<IReadOnlyList<PendingDelivery>>(async (connection, ct) =>
        {
            var open = await QueryAsync(connection, null,
                $"SELECT * FROM incidents WHERE status = @p ORDER BY created_utc_ticks, {Sequence};",
                WireNames.Of(IncidentStatus.Open), ct).ConfigureAwait(false);
            var pending = new List<PendingDelivery>();
            foreach (var incident in open)
            {
                var bySink = await SummariesAsync(connection, incident.Id, ct).ConfigureAwait(false);
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

    /// <summary>Per sink of one incident: whether an attempt succeeded, how many failed, and the last error.</summary>
    private async Task<Dictionary<string, (bool Delivered, int Failures, string? LastError)>> SummariesAsync(
        DbConnection connection, string incidentId, CancellationToken ct)
    {
        // CASE instead of max()/sum() over the column itself: a BOOLEAN in PostgreSQL, an INTEGER in SQLite.
        await using var command = Sql.Command(connection, $"""
            SELECT sink, max(CASE WHEN succeeded THEN 1 ELSE 0 END), sum(CASE WHEN succeeded THEN 0 ELSE 1 END),
                   (SELECT d2.error FROM deliveries d2 WHERE d2.incident_id = d.incident_id AND d2.sink = d.sink
                    ORDER BY d2.{Sequence} DESC LIMIT 1)
            FROM deliveries d WHERE incident_id = @id GROUP BY incident_id, sink;
            """, null, ("id", incidentId));
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var result = new Dictionary<string, (bool, int, string?)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            result[reader.GetString(0)] = (
                Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture) == 1,
                Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
                reader.IsDBNull(3) ? null : reader.GetString(3));
        }

        return result;
    }

    private async Task<List<Incident>> QueryAsync(
        DbConnection connection, DbTransaction? transaction, string sql, object parameter, CancellationToken ct)
    {
        await using var command = Sql.Command(connection, sql, transaction, ("p", parameter));
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var incidents = new List<Incident>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            incidents.Add(IncidentDocuments.Read(
                database.Display, reader.GetString(reader.GetOrdinal("id")),
                reader.GetString(reader.GetOrdinal("status")), reader.GetString(reader.GetOrdinal("document"))));
        }

        return incidents;
    }
}
