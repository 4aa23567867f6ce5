namespace AiLab.Storage.Schema.Steps;

/// <summary>Schema step 8: the server's API tokens, hashed (docs/server.md).</summary>
internal static class Step008ApiTokens
{
    /// <summary>The step, in both dialects.</summary>
    public static SchemaMigration Step { get; } = new(8, "api tokens", Sqlite, Postgres);

    private const string Sqlite = """
        CREATE TABLE api_tokens (
            id                TEXT    NOT NULL PRIMARY KEY,
            name              TEXT    NOT NULL,
            secret_sha256     TEXT    NOT NULL UNIQUE, -- hex SHA-256 of the token string; the secret is never stored
            created_at        TEXT    NOT NULL,
            created_utc_ticks INTEGER NOT NULL,
            revoked_at        TEXT               -- NULL while the token is valid
        );
        """;

    private const string Postgres = """
        CREATE TABLE api_tokens (
            id                TEXT    NOT NULL PRIMARY KEY,
            name              TEXT    NOT NULL,
            secret_sha256     TEXT    NOT NULL UNIQUE, -- hex SHA-256 of the token string; the secret is never stored
            created_at        TEXT    NOT NULL,
            created_utc_ticks BIGINT  NOT NULL,
            revoked_at        TEXT               -- NULL while the token is valid
        );
        """;
}
