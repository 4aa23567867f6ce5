namespace AiLab.Storage.Schema.Steps;

/// <summary>Schema step 3: calibrations.</summary>
internal static class Step003Calibrations
{
    /// <summary>The step, in both dialects.</summary>
    public static SchemaMigration Step { get; } = new(3, "calibrations", Sqlite, Postgres);

    private const string Sqlite = """
        CREATE TABLE calibrations (
            id                TEXT    NOT NULL PRIMARY KEY,
            workflow_key      TEXT    NOT NULL,
            created_at        TEXT    NOT NULL,
            created_utc_ticks INTEGER NOT NULL,
            document          TEXT    NOT NULL  -- JSON: the full Calibration, pooled values included
        );
        CREATE INDEX calibrations_by_workflow ON calibrations (workflow_key, created_utc_ticks DESC);
        """;

    private const string Postgres = """
        CREATE TABLE calibrations (
            id                TEXT    NOT NULL PRIMARY KEY,
            workflow_key      TEXT    NOT NULL,
            created_at        TEXT    NOT NULL,
            created_utc_ticks BIGINT  NOT NULL,
            document          TEXT    NOT NULL  -- JSON: the full Calibration, pooled values included
        );
        CREATE INDEX calibrations_by_workflow ON calibrations (workflow_key, created_utc_ticks DESC);
        """;
}
