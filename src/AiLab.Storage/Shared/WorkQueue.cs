using System.Data.Common;
using AiLab.Core.Scheduling;
using AiLab.Core.Wire;
using AiLab.Storage.Schema;
using AiLab.Storage.Serialization;

namespace AiLab.Storage.Shared;

/// <summary>The scheduler's queue (schema step 9) on either engine: every change is one statement or one
/// transaction, so a SIGKILL at any point leaves each item queued, running (requeued at the next start) or
/// finished.</summary>
internal sealed class WorkQueue(IStoreDatabase database) : IWorkQueue
{
    /// <inheritdoc />
    public async Task<string?> LastSeenAsync(
        string repository, string branch, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync(
            "SELECT last_commit FROM scheduler_branches WHERE repository = @r AND branch = @b;",
            r => r.GetString(0), cancellationToken, ("r", repository), ("b", branch)).ConfigureAwait(false))
        .FirstOrDefault();

    /// <inheritdoc />
    public Task EnqueueAsync(
        string repository, string branch, string head, IReadOnlyList<WorkItem> items,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        return database.RunAsync(async (connection, ct) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            foreach (var item in items)
            {
                await using var insert = Sql.Command(connection, """
                    INSERT INTO scheduled_work (repository, branch, base_commit, commit_sha, tier, status, enqueued_at)
                    VALUES (@r, @b, @base, @sha, @tier, 'queued', @at)
                    ON CONFLICT (repository, commit_sha, tier) DO NOTHING;
                    """, transaction,
                    ("r", item.Repository), ("b", item.Branch), ("base", item.BaseCommit), ("sha", item.Commit),
                    ("tier", item.Tier), ("at", Sql.Time(item.EnqueuedAt)));
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using var seen = Sql.Command(connection, """
                INSERT INTO scheduler_branches (repository, branch, last_commit) VALUES (@r, @b, @head)
                ON CONFLICT (repository, branch) DO UPDATE SET last_commit = excluded.last_commit;
                """, transaction, ("r", repository), ("b", branch), ("head", head));
            await seen.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<WorkItem?> ClaimAsync(CancellationToken cancellationToken = default)
    {
        // PostgreSQL lets two servers claim at once, so the row is locked and a locked one skipped; SQLite's single
        // writer already makes the statement atomic (and has no FOR UPDATE).
        var skipLocked = database.Dialect == SqlDialect.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        var claimed = await database.QueryAsync($"""
            UPDATE scheduled_work SET status = 'running', attempts = attempts + 1
            WHERE id = (SELECT id FROM scheduled_work WHERE status = 'queued' ORDER BY id LIMIT 1 {skipLocked})
            RETURNING *;
            """, Read, cancellationToken).ConfigureAwait(false);
        return claimed.FirstOrDefault();
    }

    /// <inheritdoc />
    public Task SetExperimentAsync(long id, string experimentId, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync("UPDATE scheduled_work SET experiment_id = @e WHERE id = @id;", cancellationToken,
            ("id", id), ("e", experimentId));

    /// <inheritdoc />
    public Task FinishAsync(
        long id, WorkStatus status, string? reason, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync("UPDATE scheduled_work SET status = @s, reason = @reason WHERE id = @id;",
            cancellationToken, ("id", id), ("s", StorageJson.EnumName(status)), ("reason", reason));

    /// <inheritdoc />
    public Task<int> RequeueRunningAsync(CancellationToken cancellationToken = default) =>
        database.ExecuteAsync("UPDATE scheduled_work SET status = 'queued' WHERE status = 'running';",
            cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkItem>> ListAsync(CancellationToken cancellationToken = default) =>
        await database.QueryAsync("SELECT * FROM scheduled_work ORDER BY id DESC;", Read, cancellationToken)
            .ConfigureAwait(false);

    private WorkItem Read(DbDataReader r) => new()
    {
        Id = r.Int64("id"),
        Repository = r.Text("repository")!,
        Branch = r.Text("branch")!,
        BaseCommit = r.Text("base_commit")!,
        Commit = r.Text("commit_sha")!,
        Tier = r.Text("tier")!,
        Status = ReadStatus(r),
        ExperimentId = r.Text("experiment_id"),
        Attempts = (int)r.Int64("attempts"),
        EnqueuedAt = Sql.ParseTime(r.Text("enqueued_at")!),
        Reason = r.Text("reason"),
    };

    // The wire name only: an unknown status is a damaged row, named as such, never a guess.
    private WorkStatus ReadStatus(DbDataReader r)
    {
        var text = r.Text("status");
        return WireNames.Parse<WorkStatus>(text) ?? throw new StorageException(
            $"{database.Display}: scheduled work {r.Int64("id")} has status '{text}', not one of "
            + string.Join(", ", Enum.GetValues<WorkStatus>().Select(s => WireNames.Of(s))));
    }
}
