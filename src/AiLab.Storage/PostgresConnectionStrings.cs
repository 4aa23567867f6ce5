using System.Text.RegularExpressions;
using Npgsql;

namespace AiLab.Storage;

/// <summary>PostgreSQL connection strings: <c>postgres://</c> URIs turned into Npgsql keywords, and descriptions
/// that never show a password.</summary>
internal static partial class PostgresConnectionStrings
{
    /// <summary>True when <paramref name="text"/> is an Npgsql keyword string (it sets <c>Host</c> or
    /// <c>Server</c>).</summary>
    public static bool LooksLikeKeywords(string text) => HostKeyword().IsMatch(text);

    /// <summary>The keyword string, checked by Npgsql's own parser.</summary>
    /// <exception cref="ArgumentException">It does not parse.</exception>
    public static string Normalize(string keywords)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(keywords).ConnectionString;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException(
                $"the PostgreSQL connection string does not parse ({ex.Message}); "
                + "write it as Host=127.0.0.1;Port=5432;Username=ailab;Password=...;Database=ailab", ex);
        }
    }

    /// <summary>Keywords for <c>postgres://user:password@host:port/database?key=value</c>.</summary>
    /// <exception cref="ArgumentException">The URI does not parse.</exception>
    public static string FromUri(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
            throw new ArgumentException(
                $"'{Redact(uri)}' is not a PostgreSQL URI; write it as postgres://user:password@host:5432/database");
        var builder = new NpgsqlConnectionStringBuilder { Host = parsed.Host };
        if (parsed.Port > 0) builder.Port = parsed.Port;
        var database = Uri.UnescapeDataString(parsed.AbsolutePath.TrimStart('/'));
        if (database.Length > 0) builder.Database = database;
        if (parsed.UserInfo.Length > 0)
        {
            var colon = parsed.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? parsed.UserInfo : parsed.UserInfo[..colon]);
            if (colon >= 0) builder.Password = Uri.UnescapeDataString(parsed.UserInfo[(colon + 1)..]);
        }

        foreach (var pair in parsed.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            try
            {
                builder[key] = value;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
            {
                throw new ArgumentException($"'{key}' in the PostgreSQL URI is not a setting Npgsql knows: {ex.Message}",
                    ex);
            }
        }

        return builder.ConnectionString;
    }

    /// <summary>"PostgreSQL database D on HOST:PORT as USER", for messages.</summary>
    public static string Describe(string keywords)
    {
        var builder = new NpgsqlConnectionStringBuilder(keywords);
        var user = string.IsNullOrEmpty(builder.Username) ? "" : $" as {builder.Username}";
        var database = builder.Database ?? builder.Username ?? "(default)";
        return $"PostgreSQL database {database} on {builder.Host}:{builder.Port}{user}";
    }

    private static string Redact(string uri) => PasswordInUri().Replace(uri, "$1:***@");

    [GeneratedRegex(@"(?:^|;)\s*(?:Host|Server)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex HostKeyword();

    [GeneratedRegex(@"^([a-z]+://[^:/@]*):[^@]*@", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordInUri();
}
