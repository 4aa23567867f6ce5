using System.Globalization;
using AiLab.Core.Scheduling;
using AiLab.Storage.Schema;
using AiLab.Storage.Serialization;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>The scheduler's queue in the lab's SQLite file (schema step 9): every change is one statement or one
/// transaction, so a SIGKILL at any point leaves each item queued, running (requeued at the next start) or
/// finished.</summary>
public sealed class SqliteWorkQueue : IWorkQueue, IDisposable
{
    private readonly SqliteDatabase _database;

    /// <summary>Opens (or creates) the database at <paramref name="path"/>.</summary>
    public SqliteWorkQueue(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _database = SqliteDatabase.Open(Path.GetFullPath(path), SchemaMigrations.All);
    }

    /// <inheritdoc />
    public Task<string?> LastSeenAsync(string repository, string branch, CancellationToken cancellationToken = default) =>
        _database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT last_commit FROM scheduler_branches WHERE repository = $r AND branch = $b;";
            command.Parameters.AddWithValue("$r", repository);
            command.Parameters.AddWithValue("$b", branch);
            return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
        }, cancellationToken);

    /// <inheritdoc />
    public Task EnqueueAsync(string repository, string branch, string head, IReadOnlyList<WorkItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        return _database.RunAsync(async (connection, ct) =>
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            foreach (var item in items)
            {
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO scheduled_work (repository, branch, base_commit, commit_sha, tier, status, enqueued_at)
                    VALUES ($r, $b, $base, $sha, $tier, 'queued', $at)
                    ON CONFLICT (repository, commit_sha, tier) DO NOTHING;
                    """;
                insert.Parameters.AddWithValue("$r", item.Repository);
                insert.Parameters.AddWithValue("$b", item.Branch);
                insert.Parameters.AddWithValue("$base", item.BaseCommit);
                insert.Parameters.AddWithValue("$sha", item.Commit);
                insert.Parameters.AddWithValue("$tier", item.Tier);
                insert.Parameters.AddWithValue("$at", item.EnqueuedAt.ToString("O", CultureInfo.InvariantCulture));
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using var seen = connection.CreateCommand();
            seen.Transaction = transaction;
            seen.CommandText = """
                INSERT INTO scheduler_branches (repository, branch, last_commit) VALUES ($r, $b, $head)
                ON CONFLICT (repository, branch) DO UPDATE SET last_commit = excluded.last_commit;
                """;
            seen.Parameters.AddWithValue("$r", repository);
            seen.Parameters.AddWithValue("$b", branch);
            seen.Parameters.AddWithValue("$head", head);
            await seen.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<WorkItem?> ClaimAsync(CancellationToken cancellationToken = default)
    {
        var claimed = await QueryAsync("""
            UPDATE scheduled_work SET status = 'running', attempts = attempts + 1
            WHERE id = (SELECT id FROM scheduled_work WHERE status = 'queued' ORDER BY id LIMIT 1)
            RETURNING *;
            """, cancellationToken).ConfigureAwait(false);
        return claimed.FirstOrDefault();
    }

    /// <inheritdoc />
    public Task SetExperimentAsync(long id, string experimentId, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE scheduled_work SET experiment_id = $e WHERE id = $id;", cancellationToken, ("$id", id), ("$e", experimentId));

    /// <inheritdoc />
    public Task FinishAsync(long id, WorkStatus status, string? reason, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE scheduled_work SET status = $s, reason = $reason WHERE id = $id;", cancellationToken,
            ("$id", id), ("$s", StorageJson.EnumName(status)), ("$reason", (object?)reason ?? DBNull.Value));

    /// <inheritdoc />
    public Task<int> RequeueRunningAsync(CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE scheduled_work SET status = 'queued' WHERE status = 'running';", cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkItem>> ListAsync(CancellationToken cancellationToken = default) =>
        await QueryAsync("SELECT * FROM scheduled_work ORDER BY id DESC;", cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public void Dispose() => _database.Dispose();

    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        _database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    private Task<List<WorkItem>> QueryAsync(string sql, CancellationToken cancellationToken) =>
        _database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var items = new List<WorkItem>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) items.Add(Read(reader));
            return items;
        }, cancellationToken);

    private static WorkItem Read(SqliteDataReader r)
    {
        string? Text(string column) => r.IsDBNull(r.GetOrdinal(column)) ? null : r.GetString(r.GetOrdinal(column));
        return new WorkItem
        {
            Id = r.GetInt64(r.GetOrdinal("id")),
            Repository = Text("repository")!,
            Branch = Text("branch")!,
            BaseCommit = Text("base_commit")!,
            Commit = Text("commit_sha")!,
            Tier = Text("tier")!,
            Status = Enum.Parse<WorkStatus>(Text("status")!, ignoreCase: true),
            ExperimentId = Text("experiment_id"),
            Attempts = r.GetInt32(r.GetOrdinal("attempts")),
            EnqueuedAt = DateTimeOffset.Parse(Text("enqueued_at")!, CultureInfo.InvariantCulture),
            Reason = Text("reason"),
        };
    }
}
