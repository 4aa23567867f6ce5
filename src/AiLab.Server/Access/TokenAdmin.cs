using AiLab.Core.Access;

namespace AiLab.Server.Access;

/// <summary>What <c>ailab token create/list/revoke</c> do: the secret is shown once and only its hash is kept.</summary>
public sealed class TokenAdmin(IApiTokenStore store, TimeProvider time)
{
    /// <summary>Creates a token called <paramref name="name"/>; returns it and the secret to hand to its user.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public async Task<(ApiToken Token, string Secret)> CreateAsync(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("the token needs a name that says who uses it, e.g. --name ci", nameof(name));
        var (id, secret) = ApiTokenSecret.Create();
        var token = new ApiToken { Id = id, Name = name.Trim(), SecretHash = ApiTokenSecret.Hash(secret), CreatedAt = time.GetUtcNow() };
        await store.AddAsync(token).ConfigureAwait(false);
        return (token, secret);
    }

    /// <summary>Every token, newest first (hashes included; secrets are not stored).</summary>
    public Task<IReadOnlyList<ApiToken>> ListAsync() => store.ListAsync();

    /// <summary>Revokes the token with <paramref name="id"/>; false when there is none.</summary>
    public Task<bool> RevokeAsync(string id) => store.RevokeAsync(id, time.GetUtcNow());
}
