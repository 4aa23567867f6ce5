using AiLab.Core.Access;

namespace AiLab.Storage.Shared;

/// <summary>The server's API tokens, hashed (schema step 8), on either engine: the statements are standard
/// SQL.</summary>
internal sealed class ApiTokenStore(IStoreDatabase database) : IApiTokenStore
{
    /// <inheritdoc />
    public Task AddAsync(ApiToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        return database.ExecuteAsync("""
            INSERT INTO api_tokens (id, name, secret_sha256, created_at, created_utc_ticks, revoked_at)
            VALUES (@id, @name, @hash, @createdAt, @ticks, @revokedAt);
            """, cancellationToken,
            ("id", token.Id), ("name", token.Name), ("hash", token.SecretHash),
            ("createdAt", Sql.Time(token.CreatedAt)), ("ticks", token.CreatedAt.UtcTicks),
            ("revokedAt", token.RevokedAt is { } revoked ? Sql.Time(revoked) : null));
    }

    /// <inheritdoc />
    public async Task<ApiToken?> FindByHashAsync(string secretHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secretHash);
        var found = await database.QueryAsync("SELECT * FROM api_tokens WHERE secret_sha256 = @hash;", Read,
            cancellationToken, ("hash", secretHash)).ConfigureAwait(false);
        return found.FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken = default) =>
        await database.QueryAsync("SELECT * FROM api_tokens ORDER BY created_utc_ticks DESC, id;", Read,
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        // COALESCE keeps the first revocation's time when a token is revoked twice.
        var changed = await database.ExecuteAsync(
            "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, @at) WHERE id = @id;", cancellationToken,
            ("id", id), ("at", Sql.Time(at))).ConfigureAwait(false);
        return changed == 1;
    }

    private static ApiToken Read(System.Data.Common.DbDataReader reader) => new()
    {
        Id = reader.Text("id")!,
        Name = reader.Text("name")!,
        SecretHash = reader.Text("secret_sha256")!,
        CreatedAt = Sql.ParseTime(reader.Text("created_at")!),
        RevokedAt = reader.Text("revoked_at") is { } revoked ? Sql.ParseTime(revoked) : null,
    };
}
