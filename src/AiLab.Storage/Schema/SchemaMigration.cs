namespace AiLab.Storage.Schema;

/// <summary>One step of the schema: applied once, in its own transaction, when the database's migrations table has
/// no row with <paramref name="Version"/>.</summary>
/// <param name="Version">The schema version the database has after this step; steps are numbered 1, 2, 3, ...</param>
/// <param name="Name">What the step adds: stored in the migrations table and named in error messages.</param>
/// <param name="Sqlite">The step's statements for SQLite.</param>
/// <param name="Postgres">The step's statements for PostgreSQL; null only for test steps that never run there.</param>
internal sealed record SchemaMigration(int Version, string Name, string Sqlite, string? Postgres = null)
{
    /// <summary>What the step does after its statements, in the same transaction, where SQL alone cannot (filling a
    /// new table from the stored JSON documents); null for most steps.</summary>
    public Action<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, string>? Fill { get; init; }

    /// <summary>The step's statements in <paramref name="dialect"/>.</summary>
    /// <exception cref="InvalidOperationException">The step has none for that dialect.</exception>
    public string Sql(SqlDialect dialect) => dialect switch
    {
        SqlDialect.Sqlite => Sqlite,
        _ => Postgres ?? throw new InvalidOperationException(
            $"schema step {Version} ({Name}) has no PostgreSQL statements; give it both dialects"),
    };
}
