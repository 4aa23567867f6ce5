using System.Globalization;
using AiLab.Core.Access;
using AiLab.Storage.Schema;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>The server's API tokens, hashed, in the lab's SQLite file (schema step 8).</summary>
public sealed class SqliteApiTokenStore : IApiTokenStore, IDisposable
{
    private readonly SqliteDatabase _database;

    /// <summary>Opens the database at <paramref name="path"/> for <paramref name="access"/>.</summary>
    /// <exception cref="StorageException">The file is not an SQLite database, is corrupt, or has a newer schema.</exception>
    public SqliteApiTokenStore(string path, StoreAccess access = StoreAccess.ReadWrite)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        DatabasePath = Path.GetFullPath(path);
        _database = SqliteDatabase.Open(DatabasePath, SchemaMigrations.All, access);
    }

    /// <summary>Absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public Task AddAsync(ApiToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
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
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ApiToken?> FindByHashAsync(string secretHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secretHash);
        var found = await QueryAsync("SELECT * FROM api_tokens WHERE secret_sha256 = $p;", secretHash, cancellationToken).ConfigureAwait(false);
        return found.FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken = default) =>
        await QueryAsync("SELECT * FROM api_tokens WHERE $p = $p ORDER BY created_utc_ticks DESC, id;", 1, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return _database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            // COALESCE keeps the first revocation's time when a token is revoked twice.
            command.CommandText = "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $at) WHERE id = $id;";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _database.Dispose();

    private Task<List<ApiToken>> QueryAsync(string sql, object parameter, CancellationToken cancellationToken) =>
        _database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$p", parameter);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var found = new List<ApiToken>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) found.Add(Read(reader));
            return found;
        }, cancellationToken);

    private static ApiToken Read(SqliteDataReader reader)
    {
        var revoked = reader.GetOrdinal("revoked_at");
        return new ApiToken
        {
            Id = reader.GetString(reader.GetOrdinal("id")),
            Name = reader.GetString(reader.GetOrdinal("name")),
            SecretHash = reader.GetString(reader.GetOrdinal("secret_sha256")),
            CreatedAt = DateTimeOffset.Parse(reader.GetString(reader.GetOrdinal("created_at")), CultureInfo.InvariantCulture),
            RevokedAt = reader.IsDBNull(revoked) ? null : DateTimeOffset.Parse(reader.GetString(revoked), CultureInfo.InvariantCulture),
        };
    }
}
