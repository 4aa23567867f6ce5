using System.Security.Cryptography;
using System.Text;

namespace AiLab.Core.Access;

/// <summary>Makes and hashes token strings: <c>ailab_</c>, the id's hex, <c>_</c>, 32 random bytes in base64url.
/// 256 bits of entropy make a plain SHA-256 (no salt, no stretching) safe to store: there is nothing to guess.</summary>
public static class ApiTokenSecret
{
    /// <summary>A new token: its id and the full secret string (shown once, never stored).</summary>
    public static (string Id, string Secret) Create()
    {
        var id = "tok-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var random = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, $"ailab_{id[4..]}_{random}");
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 token string.</summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }
}
