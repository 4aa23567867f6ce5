namespace AiLab.Storage.Schema.Steps;

/// <summary>Schema step 7: footprints per workflow and revision, and the change tier's outcomes.</summary>
internal static class Step007Footprints
{
    /// <summary>The step, in both dialects.</summary>
    public static SchemaMigration Step { get; } = new(7, "footprints", Sqlite, Postgres);

    private const string Sqlite = """
        CREATE TABLE footprints (
            workflow           TEXT    NOT NULL,
            revision           TEXT    NOT NULL, -- full commit; '' for a working tree
            recorded_at        TEXT    NOT NULL,
            recorded_utc_ticks INTEGER NOT NULL,
            document           TEXT    NOT NULL, -- JSON: the full Footprint (files, globs, modules)
            PRIMARY KEY (workflow, revision)
        );
        CREATE INDEX footprints_by_recorded ON footprints (workflow, recorded_utc_ticks DESC);

        -- What each change-tier experiment found per workflow, with the changed paths that touched it: the
        -- history the change tier's selection learns from.
        CREATE TABLE change_outcomes (
            workflow           TEXT    NOT NULL,
            regressed          INTEGER NOT NULL,
            experiment_id      TEXT,
            recorded_utc_ticks INTEGER NOT NULL,
            document           TEXT    NOT NULL  -- JSON: the full ChangeOutcome
        );
        CREATE INDEX change_outcomes_by_workflow ON change_outcomes (workflow, recorded_utc_ticks);
        """;

    private const string Postgres = """
        CREATE TABLE footprints (
            workflow           TEXT    NOT NULL,
            revision           TEXT    NOT NULL,
            recorded_at        TEXT    NOT NULL,
            recorded_utc_ticks BIGINT  NOT NULL,
            document           TEXT    NOT NULL,
            PRIMARY KEY (workflow, revision)
        );
        CREATE INDEX footprints_by_recorded ON footprints (workflow, recorded_utc_ticks DESC);

        CREATE TABLE change_outcomes (
            seq                BIGSERIAL PRIMARY KEY, -- insertion order, as SQLite's rowid
            workflow           TEXT    NOT NULL,
            regressed          BOOLEAN NOT NULL,
            experiment_id      TEXT,
            recorded_utc_ticks BIGINT  NOT NULL,
            document           TEXT    NOT NULL
        );
        CREATE INDEX change_outcomes_by_workflow ON change_outcomes (workflow, recorded_utc_ticks);
        """;
}
