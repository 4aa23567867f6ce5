namespace AiLab.Core.Access;

/// <summary>Durable home of the server's API tokens (hashed).</summary>
public interface IApiTokenStore
{
    /// <summary>Stores a new token.</summary>
    void Add(ApiToken token);

    /// <summary>The token whose secret hashes to <paramref name="secretHash"/>, revoked or not; null when none.</summary>
    ApiToken? FindByHash(string secretHash);

    /// <summary>Every token, newest first.</summary>
    IReadOnlyList<ApiToken> List();

    /// <summary>Marks a token revoked; false when no token has that id.</summary>
    bool Revoke(string id, DateTimeOffset at);
}
