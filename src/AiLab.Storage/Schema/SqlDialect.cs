namespace AiLab.Storage.Schema;

/// <summary>The SQL dialects a store speaks.</summary>
internal enum SqlDialect
{
    /// <summary>SQLite: the single-file default.</summary>
    Sqlite,

    /// <summary>PostgreSQL: the server for teams.</summary>
    Postgres,
}
