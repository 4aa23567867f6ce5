namespace AiLab.Storage.Sqlite;

/// <summary>The schema's history. Append new steps at the end; never edit a step that has shipped.</summary>
internal static class SchemaMigrations
{
    /// <summary>Every step, in order.</summary>
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "experiments and trials", """
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
            """),
        new(2, "incidents and their deliveries", """
            CREATE TABLE incidents (
                id                TEXT    NOT NULL PRIMARY KEY, -- deterministic: repository, workflow, culprit, metric
                created_at        TEXT    NOT NULL,
                created_utc_ticks INTEGER NOT NULL,
                status            TEXT    NOT NULL,
                workflow          TEXT    NOT NULL,
                repository        TEXT    NOT NULL,
                metric            TEXT    NOT NULL,
                phase             TEXT,
                commit_sha        TEXT    NOT NULL,
                document          TEXT    NOT NULL  -- JSON: the full Incident; the columns above are copies for queries
            );
            CREATE INDEX incidents_by_created ON incidents (created_utc_ticks DESC);

            CREATE TABLE deliveries (
                incident_id  TEXT    NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
                sink         TEXT    NOT NULL,
                attempted_at TEXT    NOT NULL,
                succeeded    INTEGER NOT NULL,
                error        TEXT,
                reference    TEXT
            );
            CREATE INDEX deliveries_by_incident ON deliveries (incident_id, sink);
            """),
        new(3, "calibrations", """
            CREATE TABLE calibrations (
                id                TEXT    NOT NULL PRIMARY KEY,
                workflow_key      TEXT    NOT NULL,
                created_at        TEXT    NOT NULL,
                created_utc_ticks INTEGER NOT NULL,
                document          TEXT    NOT NULL  -- JSON: the full Calibration, pooled values included
            );
            CREATE INDEX calibrations_by_workflow ON calibrations (workflow_key, created_utc_ticks DESC);
            """),
        new(4, "machine state per trial", """
            -- Cores used by other processes during the trial (on its pinned CPUs when pinned); a copy of the
            -- result document's machine state for queries. NULL: not recorded (older trials, fakes).
            ALTER TABLE trials ADD COLUMN other_cpu_cores REAL;
            """),
        new(5, "experiment leases", """
            CREATE TABLE experiment_leases (
                experiment_id       TEXT    NOT NULL PRIMARY KEY REFERENCES experiments (id) ON DELETE CASCADE,
                token               TEXT    NOT NULL, -- random per acquisition; renew and release name it
                holder_pid          INTEGER NOT NULL,
                holder_host         TEXT    NOT NULL,
                holder_boot_id      TEXT    NOT NULL, -- /proc/sys/kernel/random/boot_id: a reboot ends every holder
                holder_start_ticks  INTEGER NOT NULL, -- /proc/PID/stat field 22: tells a reused pid from the holder
                acquired_at         TEXT    NOT NULL,
                heartbeat_at        TEXT    NOT NULL,
                expires_utc_ticks   INTEGER NOT NULL
            );
            """),
        new(6, "output comparisons", """
            CREATE TABLE output_comparisons (
                id                TEXT    NOT NULL PRIMARY KEY,
                created_at        TEXT    NOT NULL,
                created_utc_ticks INTEGER NOT NULL,
                dag               TEXT    NOT NULL,
                baseline          TEXT    NOT NULL, -- node name and model identity (path, SHA-256)
                candidate         TEXT    NOT NULL,
                dataset           TEXT    NOT NULL, -- file name and SHA-256
                passed            INTEGER NOT NULL,
                document          TEXT    NOT NULL  -- JSON: the full ComparisonReport; may hold NaN literals
            );
            CREATE INDEX output_comparisons_by_created ON output_comparisons (created_utc_ticks DESC);

            CREATE TABLE output_flips (
                comparison_id   TEXT    NOT NULL REFERENCES output_comparisons (id) ON DELETE CASCADE,
                example_id      TEXT    NOT NULL,
                slice           TEXT    NOT NULL,
                label           INTEGER NOT NULL,
                baseline_score  REAL    NOT NULL,
                candidate_score REAL    NOT NULL
            );
            CREATE INDEX output_flips_by_comparison ON output_flips (comparison_id);
            """),
        new(7, "slurm queue", """
            -- Trials run by a cluster scheduler (docs/slurm.md): the queue phase (submit to the workload's start on
            -- the node, on the submitting host's clock) and the node that ran it; copies of the result document's
            -- scheduler facts for queries. NULL: a local trial, or one stored before.
            ALTER TABLE trials ADD COLUMN queue_ms REAL;
            ALTER TABLE trials ADD COLUMN node TEXT;
            """),
    ];
}
