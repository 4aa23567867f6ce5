using System.Globalization;
using AiLab.Core.Scheduling;
using AiLab.Storage.Serialization;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>The scheduler's queue in the lab's SQLite file (schema step 8): every change is a transaction, so a
/// SIGKILL at any point leaves each item queued, running (requeued at the next start) or finished.</summary>
public sealed class SqliteWorkQueue : IWorkQueue, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    /// <summary>Opens (or creates) the database at <paramref name="path"/>.</summary>
    public SqliteWorkQueue(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        (_connection, _) = SqliteDatabase.Open(Path.GetFullPath(path), SchemaMigrations.All);
    }

    /// <inheritdoc />
    public string? LastSeen(string repository, string branch)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT last_commit FROM scheduler_branches WHERE repository = $r AND branch = $b;";
            command.Parameters.AddWithValue("$r", repository);
            command.Parameters.AddWithValue("$b", branch);
            return command.ExecuteScalar() as string;
        }
    }

    /// <inheritdoc />
    public void Enqueue(string repository, string branch, string head, IReadOnlyList<WorkItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var item in items)
            {
                using var insert = _connection.CreateCommand();
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
                insert.ExecuteNonQuery();
            }

            using var seen = _connection.CreateCommand();
            seen.Transaction = transaction;
            seen.CommandText = """
                INSERT INTO scheduler_branches (repository, branch, last_commit) VALUES ($r, $b, $head)
                ON CONFLICT (repository, branch) DO UPDATE SET last_commit = excluded.last_commit;
                """;
            seen.Parameters.AddWithValue("$r", repository);
            seen.Parameters.AddWithValue("$b", branch);
            seen.Parameters.AddWithValue("$head", head);
            seen.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    /// <inheritdoc />
    public WorkItem? Claim()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                UPDATE scheduled_work SET status = 'running', attempts = attempts + 1
                WHERE id = (SELECT id FROM scheduled_work WHERE status = 'queued' ORDER BY id LIMIT 1)
                RETURNING *;
                """;
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }
    }

    /// <inheritdoc />
    public void SetExperiment(long id, string experimentId) =>
        Execute("UPDATE scheduled_work SET experiment_id = $e WHERE id = $id;", ("$id", id), ("$e", experimentId));

    /// <inheritdoc />
    public void Finish(long id, WorkStatus status, string? reason) =>
        Execute("UPDATE scheduled_work SET status = $s, reason = $reason WHERE id = $id;",
            ("$id", id), ("$s", StorageJson.EnumName(status)), ("$reason", (object?)reason ?? DBNull.Value));

    /// <inheritdoc />
    public int RequeueRunning() => Execute("UPDATE scheduled_work SET status = 'queued' WHERE status = 'running';");

    /// <inheritdoc />
    public IReadOnlyList<WorkItem> List()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT * FROM scheduled_work ORDER BY id DESC;";
            using var reader = command.ExecuteReader();
            var items = new List<WorkItem>();
            while (reader.Read()) items.Add(Read(reader));
            return items;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
            return command.ExecuteNonQuery();
        }
    }

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
