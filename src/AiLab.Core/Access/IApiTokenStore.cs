namespace AiLab.Core.Access;

/// <summary>Durable home of the server's API tokens (hashed).</summary>
public interface IApiTokenStore
{
    /// <summary>Stores a new token.</summary>
    Task AddAsync(ApiToken token, CancellationToken cancellationToken = default);

    /// <summary>The token whose secret hashes to <paramref name="secretHash"/>, revoked or not; null when none.</summary>
    Task<ApiToken?> FindByHashAsync(string secretHash, CancellationToken cancellationToken = default);

    /// <summary>Every token, newest first.</summary>
    Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks a token revoked; false when no token has that id.</summary>
    Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default);
}
