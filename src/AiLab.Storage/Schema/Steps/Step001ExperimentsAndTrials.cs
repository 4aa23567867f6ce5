namespace AiLab.Storage.Schema.Steps;

/// <summary>Schema step 1: experiments and trials.</summary>
internal static class Step001ExperimentsAndTrials
{
    /// <summary>The step, in both dialects.</summary>
    public static SchemaMigration Step { get; } = new(1, "experiments and trials", Sqlite, Postgres);

    private const string Sqlite = """
        CREATE TABLE experiments (
            id                TEXT    NOT NULL PRIMARY KEY,
            kind              TEXT    NOT NULL,
            created_at        TEXT    NOT NULL, -- ISO 8601 with the original offset
            created_utc_ticks INTEGER NOT NULL, -- for ordering: offsets make created_at unsortable as text
            status            TEXT    NOT NULL,
            status_reason     TEXT,
            spec              TEXT    NOT NULL, -- JSON: every other member of the Experiment record
            verdict           TEXT              -- JSON ExperimentVerdict; may hold NaN literals, so no json_valid check
        );
        CREATE INDEX experiments_by_created ON experiments (created_utc_ticks DESC);

        CREATE TABLE trials (
            experiment_id  TEXT    NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
            sequence       INTEGER NOT NULL,
            variant        TEXT    NOT NULL,
            is_warmup      INTEGER NOT NULL,
            status         TEXT    NOT NULL,
            failure        TEXT    NOT NULL,
            ttfb_ms        REAL,
            wall_ms        REAL,
            cpu_user_ms    REAL,
            cpu_system_ms  REAL,
            peak_rss_bytes INTEGER,
            started_at     TEXT    NOT NULL,
            log_path       TEXT,
            result         TEXT    NOT NULL, -- JSON: the full TrialResult; the columns above are copies for queries
            PRIMARY KEY (experiment_id, sequence)
        );
        """;

    private const string Postgres = """
        CREATE TABLE experiments (
            id                TEXT    NOT NULL PRIMARY KEY,
            row_seq           BIGINT  GENERATED ALWAYS AS IDENTITY, -- insertion order, for ties (SQLite's rowid)
            kind              TEXT    NOT NULL,
            created_at        TEXT    NOT NULL, -- ISO 8601 with the original offset
            created_utc_ticks BIGINT  NOT NULL, -- for ordering
            status            TEXT    NOT NULL,
            status_reason     TEXT,
            spec              TEXT    NOT NULL, -- JSON: every other member of the Experiment record
            verdict           TEXT              -- JSON ExperimentVerdict; may hold NaN literals, so TEXT, not jsonb
        );
        CREATE INDEX experiments_by_created ON experiments (created_utc_ticks DESC);

        CREATE TABLE trials (
            experiment_id  TEXT             NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
            sequence       INTEGER          NOT NULL,
            variant        TEXT             NOT NULL,
            is_warmup      BOOLEAN          NOT NULL,
            status         TEXT             NOT NULL,
            failure        TEXT             NOT NULL,
            ttfb_ms        DOUBLE PRECISION,
            wall_ms        DOUBLE PRECISION,
            cpu_user_ms    DOUBLE PRECISION,
            cpu_system_ms  DOUBLE PRECISION,
            peak_rss_bytes BIGINT,
            started_at     TEXT             NOT NULL,
            log_path       TEXT,
            result         TEXT             NOT NULL, -- JSON: the full TrialResult; the columns above are copies for queries
            PRIMARY KEY (experiment_id, sequence)
        );
        """;
}
