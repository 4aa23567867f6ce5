namespace AiLab.Storage.Schema.Steps;

/// <summary>Schema step 6: output comparisons.</summary>
internal static class Step006OutputComparisons
{
    /// <summary>The step, in both dialects.</summary>
    public static SchemaMigration Step { get; } = new(6, "output comparisons", Sqlite, Postgres);

    private const string Sqlite = """
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
        """;

    private const string Postgres = """
        CREATE TABLE output_comparisons (
            id                TEXT    NOT NULL PRIMARY KEY,
            created_at        TEXT    NOT NULL,
            created_utc_ticks BIGINT  NOT NULL,
            dag               TEXT    NOT NULL,
            baseline          TEXT    NOT NULL,
            candidate         TEXT    NOT NULL,
            dataset           TEXT    NOT NULL,
            passed            BOOLEAN NOT NULL,
            document          TEXT    NOT NULL  -- JSON: the full ComparisonReport; may hold NaN literals
        );
        CREATE INDEX output_comparisons_by_created ON output_comparisons (created_utc_ticks DESC);

        CREATE TABLE output_flips (
            comparison_id   TEXT             NOT NULL REFERENCES output_comparisons (id) ON DELETE CASCADE,
            example_id      TEXT             NOT NULL,
            slice           TEXT             NOT NULL,
            label           BOOLEAN          NOT NULL,
            baseline_score  DOUBLE PRECISION NOT NULL,
            candidate_score DOUBLE PRECISION NOT NULL
        );
        CREATE INDEX output_flips_by_comparison ON output_flips (comparison_id);
        """;
}
