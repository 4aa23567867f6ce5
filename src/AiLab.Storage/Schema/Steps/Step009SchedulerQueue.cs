namespace AiLab.Storage.Schema.Steps;

/// <summary>Schema step 9: the server's scheduler queue and what it last saw on each branch (docs/server.md).</summary>
internal static class Step009SchedulerQueue
{
    /// <summary>The step, in both dialects.</summary>
    public static SchemaMigration Step { get; } = new(9, "scheduler queue", Sqlite, Postgres);

    private const string Sqlite = """
        CREATE TABLE scheduler_branches (
            repository  TEXT NOT NULL,
            branch      TEXT NOT NULL,
            last_commit TEXT NOT NULL, -- the head the scheduler last queued work up to
            PRIMARY KEY (repository, branch)
        );

        CREATE TABLE scheduled_work (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            repository    TEXT    NOT NULL,
            branch        TEXT    NOT NULL,
            base_commit   TEXT    NOT NULL,
            commit_sha    TEXT    NOT NULL,
            tier          TEXT    NOT NULL,
            status        TEXT    NOT NULL, -- queued | running | done | failed
            experiment_id TEXT,             -- set once created; a restart resumes it
            attempts      INTEGER NOT NULL DEFAULT 0,
            enqueued_at   TEXT    NOT NULL,
            reason        TEXT,
            UNIQUE (repository, commit_sha, tier)
        );
        CREATE INDEX scheduled_work_by_status ON scheduled_work (status, id);
        """;

    private const string Postgres = """
        CREATE TABLE scheduler_branches (
            repository  TEXT NOT NULL,
            branch      TEXT NOT NULL,
            last_commit TEXT NOT NULL,
            PRIMARY KEY (repository, branch)
        );

        CREATE TABLE scheduled_work (
            id            BIGSERIAL PRIMARY KEY,
            repository    TEXT    NOT NULL,
            branch        TEXT    NOT NULL,
            base_commit   TEXT    NOT NULL,
            commit_sha    TEXT    NOT NULL,
            tier          TEXT    NOT NULL,
            status        TEXT    NOT NULL,
            experiment_id TEXT,
            attempts      INTEGER NOT NULL DEFAULT 0,
            enqueued_at   TEXT    NOT NULL,
            reason        TEXT,
            UNIQUE (repository, commit_sha, tier)
        );
        CREATE INDEX scheduled_work_by_status ON scheduled_work (status, id);
        """;
}
