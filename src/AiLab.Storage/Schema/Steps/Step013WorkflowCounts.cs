namespace AiLab.Storage.Schema.Steps;

/// <summary>Schema step 13: each workflow's number of experiments, kept with the digests (docs/storage.md, "Scale").
/// The home page and <c>GET /api/v1/workflows</c> counted them with a <c>GROUP BY</c> over every stored experiment on
/// each request (an index-only scan, but one entry per experiment); <c>workflow_counts</c> holds one row per
/// workflow, moved by <see cref="Shared.ExperimentDigests.WriteAsync"/> in the transaction that writes the
/// experiment and its digest, so the count is read in as many rows as there are workflows. Existing experiments are
/// counted here from their digests (step 11 wrote one per experiment).</summary>
internal static class Step013WorkflowCounts
{
    /// <summary>The step, in both dialects.</summary>
    public static SchemaMigration Step { get; } = new(13, "workflow counts", Sqlite, Postgres);

    private const string Sqlite = """
        CREATE TABLE workflow_counts (
            workflow    TEXT    NOT NULL PRIMARY KEY,
            experiments INTEGER NOT NULL  -- 0 once its experiments moved to another workflow; left out of reads
        );
        INSERT INTO workflow_counts (workflow, experiments)
        SELECT workflow, count(*) FROM experiment_digests GROUP BY workflow;
        """;

    private const string Postgres = """
        CREATE TABLE workflow_counts (
            workflow    TEXT   NOT NULL PRIMARY KEY,
            experiments BIGINT NOT NULL
        );
        INSERT INTO workflow_counts (workflow, experiments)
        SELECT workflow, count(*) FROM experiment_digests GROUP BY workflow;
        """;
}
