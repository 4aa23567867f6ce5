namespace AiLab.Storage;

/// <summary>Which database engine a connection string names.</summary>
public enum StoreKind
{
    /// <summary>An SQLite file: the single-user default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: for teams and the server.</summary>
    Postgres,
}
