namespace AiLab.Storage;

/// <summary>A parsed store connection string: an SQLite file (a path, or <c>sqlite:PATH</c>) or a PostgreSQL
/// database (<c>postgres://user:password@host:port/database</c>, or Npgsql keywords such as
/// <c>Host=127.0.0.1;Username=ailab;Database=ailab</c>).</summary>
public sealed record StoreLocation
{
    private StoreLocation(StoreKind kind, string target, string display)
    {
        Kind = kind;
        Target = target;
        Display = display;
    }

    /// <summary>The engine.</summary>
    public StoreKind Kind { get; }

    /// <summary>The absolute file path (SQLite) or the Npgsql connection string (PostgreSQL).</summary>
    public string Target { get; }

    /// <summary>How messages name the store: the path, or host, port and database without any password.</summary>
    public string Display { get; }

    /// <summary>Parses <paramref name="connectionString"/>.</summary>
    /// <exception cref="ArgumentException">It is empty, or a PostgreSQL URI or keyword string that does not
    /// parse; the message says what a valid one looks like.</exception>
    public static StoreLocation Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new ArgumentException(
                "the store is empty; give an SQLite file (lab.db, sqlite:lab.db) or a PostgreSQL connection string "
                + "(postgres://user@host/db, Host=...;Database=...)");
        var text = connectionString.Trim();
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
            return Sqlite(text["sqlite:".Length..]);
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            var keywords = PostgresConnectionStrings.FromUri(text);
            return new StoreLocation(StoreKind.Postgres, keywords, PostgresConnectionStrings.Describe(keywords));
        }

        if (PostgresConnectionStrings.LooksLikeKeywords(text))
        {
            var keywords = PostgresConnectionStrings.Normalize(text);
            return new StoreLocation(StoreKind.Postgres, keywords, PostgresConnectionStrings.Describe(keywords));
        }

        return Sqlite(text);
    }

    private static StoreLocation Sqlite(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException("sqlite: names no file; give its path, e.g. sqlite:lab.db");
        var full = Path.GetFullPath(path);
        return new StoreLocation(StoreKind.Sqlite, full, full);
    }
}
