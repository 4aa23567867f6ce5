using System.Globalization;
using AiLab.Core.Access;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>The server's API tokens, hashed, in the lab's SQLite file (schema step 7).</summary>
public sealed class SqliteApiTokenStore : IApiTokenStore, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    /// <summary>Opens the database at <paramref name="path"/> for <paramref name="access"/>.</summary>
    /// <exception cref="StorageException">The file is not an SQLite database, is corrupt, or has a newer schema.</exception>
    public SqliteApiTokenStore(string path, StoreAccess access = StoreAccess.ReadWrite)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        DatabasePath = Path.GetFullPath(path);
        (_connection, _) = SqliteDatabase.Open(DatabasePath, SchemaMigrations.All, access);
    }

    /// <summary>Absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public void Add(ApiToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT INTO api_tokens (id, name, secret_sha256, created_at, created_utc_ticks, revoked_at)
                VALUES ($id, $name, $hash, $createdAt, $ticks, $revokedAt);
                """;
            command.Parameters.AddWithValue("$id", token.Id);
            command.Parameters.AddWithValue("$name", token.Name);
            command.Parameters.AddWithValue("$hash", token.SecretHash);
            command.Parameters.AddWithValue("$createdAt", token.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$ticks", token.CreatedAt.UtcTicks);
            command.Parameters.AddWithValue("$revokedAt",
                (object?)token.RevokedAt?.ToString("O", CultureInfo.InvariantCulture) ?? DBNull.Value);
            command.ExecuteNonQuery();
        }
    }

    /// <inheritdoc />
    public ApiToken? FindByHash(string secretHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secretHash);
        return Query("SELECT * FROM api_tokens WHERE secret_sha256 = $p;", secretHash).FirstOrDefault();
    }

    /// <inheritdoc />
    public IReadOnlyList<ApiToken> List() =>
        Query("SELECT * FROM api_tokens WHERE $p = $p ORDER BY created_utc_ticks DESC, id;", 1);

    /// <inheritdoc />
    public bool Revoke(string id, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            // COALESCE keeps the first revocation's time when a token is revoked twice.
            command.CommandText = "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $at) WHERE id = $id;";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
            return command.ExecuteNonQuery() == 1;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private List<ApiToken> Query(string sql, object parameter)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$p", parameter);
            using var reader = command.ExecuteReader();
            var found = new List<ApiToken>();
            while (reader.Read())
            {
                var revoked = reader.GetOrdinal("revoked_at");
                found.Add(new ApiToken
                {
                    Id = reader.GetString(reader.GetOrdinal("id")),
                    Name = reader.GetString(reader.GetOrdinal("name")),
                    SecretHash = reader.GetString(reader.GetOrdinal("secret_sha256")),
                    CreatedAt = DateTimeOffset.Parse(reader.GetString(reader.GetOrdinal("created_at")), CultureInfo.InvariantCulture),
                    RevokedAt = reader.IsDBNull(revoked)
                        ? null
                        : DateTimeOffset.Parse(reader.GetString(revoked), CultureInfo.InvariantCulture),
                });
            }

            return found;
        }
    }
}
