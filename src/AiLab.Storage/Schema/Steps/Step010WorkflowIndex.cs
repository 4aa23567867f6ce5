namespace AiLab.Storage.Schema.Steps;

/// <summary>Schema step 10: each experiment's workflow name as an indexed column (docs/storage.md, "Scale"). The name
/// lived only inside the spec document, so every per-workflow read (the dashboard's home page, its filter) parsed the
/// JSON of every stored experiment; with the column and its index a workflow's newest experiments are an index range
/// and the list of workflows an index-only scan. Existing rows are filled from their spec; the stores write the column
/// with every experiment they create or update.</summary>
internal static class Step010WorkflowIndex
{
    /// <summary>The step, in both dialects.</summary>
    public static SchemaMigration Step { get; } = new(10, "workflow index", Sqlite, Postgres);

    private const string Sqlite = """
        ALTER TABLE experiments ADD COLUMN workflow TEXT;
        UPDATE experiments SET workflow = json_extract(spec, '$.workflow.name');
        CREATE INDEX experiments_by_workflow ON experiments (workflow, created_utc_ticks DESC);
        """;

    private const string Postgres = """
        ALTER TABLE experiments ADD COLUMN workflow TEXT;
        UPDATE experiments SET workflow = (spec::json) -> 'workflow' ->> 'name';
        CREATE INDEX experiments_by_workflow ON experiments (workflow, created_utc_ticks DESC);
        """;
}
