namespace AiLab.Storage.Schema.Steps;

/// <summary>Schema step 4: machine state per trial.</summary>
internal static class Step004MachineStatePerTrial
{
    /// <summary>The step, in both dialects.</summary>
    public static SchemaMigration Step { get; } = new(4, "machine state per trial", Sqlite, Postgres);

    private const string Sqlite = """
        -- Cores used by other processes during the trial (on its pinned CPUs when pinned); a copy of the
        -- result document's machine state for queries. NULL: not recorded (older trials, fakes).
        ALTER TABLE trials ADD COLUMN other_cpu_cores REAL;
        """;

    private const string Postgres = """
        ALTER TABLE trials ADD COLUMN other_cpu_cores DOUBLE PRECISION;
        """;
}
