namespace AiLab.Core.Access;

/// <summary>An API token as the lab keeps it: never the secret itself, only its SHA-256.</summary>
public sealed record ApiToken
{
    /// <summary>Public identifier, e.g. <c>tok-3f2a9c01</c>; shown by <c>ailab token list</c> and used to revoke.</summary>
    public required string Id { get; init; }

    /// <summary>What the owner called it (who or what uses it).</summary>
    public required string Name { get; init; }

    /// <summary>Lower-case hex SHA-256 of the full token string.</summary>
    public required string SecretHash { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was revoked; null while it is valid.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>True once revoked: every write with it is refused (403).</summary>
    public bool IsRevoked => RevokedAt is not null;
}
