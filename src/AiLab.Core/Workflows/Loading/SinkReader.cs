using System.Text.RegularExpressions;
using AiLab.Core.Incidents.Sinks;
using AiLab.Core.Workflows.Yaml;

namespace AiLab.Core.Workflows.Loading;

/// <summary>Validates one item of <c>notify: sinks:</c> according to its <c>type</c>.</summary>
internal sealed partial class SinkReader(ValueReader values)
{
    /// <summary>The sink types, in the order the docs list them.</summary>
    public static readonly string[] Types = ["webhook", "github", "smtp", "markdown"];

    private static readonly Dictionary<string, string[]> KeysByType = new(StringComparer.Ordinal)
    {
        ["webhook"] = ["type", "name", "url", "headers", "timeout"],
        ["github"] = ["type", "name", "repository", "api_url", "token_env", "labels"],
        ["smtp"] = ["type", "name", "host", "port", "from", "to", "to_author", "tls", "username", "password_env", "timeout"],
        ["markdown"] = ["type", "name", "directory"],
    };

    private static readonly string[] TlsNames = ["none", "starttls", "ssl"];

    // GitHub's token formats (classic, fine-grained, OAuth, app): a value here is a token, not a variable name.
    private static readonly string[] TokenPrefixes = ["ghp_", "github_pat_", "gho_", "ghu_", "ghs_"];

    private DiagnosticBag Bag => values.Bag;

    /// <summary>The sink, or null when its type or a required setting is missing or wrong (each problem reported).</summary>
    /// <param name="map">The sink's mapping.</param>
    /// <param name="name">Its <c>name</c>, already validated; null to name it after its type.</param>
    public SinkConfig? Read(ConfigMapping map, string? name)
    {
        var typeEntry = map.Entries.FirstOrDefault(e => e.Key is ConfigScalar { Value: "type" });
        var allowedTypes = $"allowed types: {string.Join(", ", Types)}";
        if (typeEntry is null)
        {
            Bag.Error(map, "a sink in 'notify' has no 'type'", $"add 'type: ...' to it; {allowedTypes}");
            return null;
        }

        var type = values.Scalar("type", typeEntry, "in a sink", "one of " + string.Join(", ", Types), allowedTypes)?.Value;
        if (type is null)
        {
            return null;
        }

        if (!KeysByType.TryGetValue(type, out var allowed))
        {
            var closest = Suggestions.Closest(type, Types);
            Bag.Error(typeEntry.Value, $"unknown sink type '{type}'", closest is null ? allowedTypes : $"did you mean '{closest}'? {allowedTypes}");
            return null;
        }

        name ??= type;
        var where = $"in sink '{name}'";
        var keys = MappingReader.Read(map, where, allowed, Bag, (key, _) => HintForUnknown(key, type));
        return type switch
        {
            "webhook" => ReadWebhook(keys, map, name, where),
            "github" => ReadGitHub(keys, map, name, where),
            "smtp" => ReadSmtp(keys, map, name, where),
            _ => ReadMarkdown(keys, map, name, where),
        };
    }

    private static string? HintForUnknown(string key, string type)
    {
        if (key is "token" or "password" or "secret")
        {
            var envKey = type == "smtp" ? "password_env" : "token_env";
            return $"never write a secret into ailab.yaml: put it in an environment variable and name that variable with '{envKey}'";
        }

        var owner = KeysByType.FirstOrDefault(p => p.Key != type && p.Value.Contains(key)).Key;
        return owner is null ? null : $"'{key}' is a setting of '{owner}' sinks, and this sink's type is '{type}'";
    }

    private WebhookSinkConfig? ReadWebhook(Dictionary<string, ConfigEntry> keys, ConfigMapping map, string name, string where)
    {
        var url = Required(keys, "url", map, where, "add 'url: https://hooks.example.com/ailab'") is { } u ? ReadUrl("url", u, where) : null;
        var headers = keys.TryGetValue("headers", out var h) ? values.Environment(h, where) : null;
        var timeout = keys.TryGetValue("timeout", out var t) ? values.Duration("timeout", t, where) : null;
        return url is null ? null : new WebhookSinkConfig(name, url, headers ?? [], timeout ?? WebhookSinkConfig.DefaultTimeout);
    }

    private GitHubSinkConfig? ReadGitHub(Dictionary<string, ConfigEntry> keys, ConfigMapping map, string name, string where)
    {
        const string RepoHint = "write the repository as OWNER/NAME, e.g. repository: acme/trainer";
        string? owner = null, repo = null;
        if (Required(keys, "repository", map, where, "add 'repository: OWNER/NAME'") is { } r && values.String("repository", r, where, RepoHint) is { } full)
        {
            var parts = full.Split('/');
            if (parts.Length == 2 && parts.All(p => RepoPart().IsMatch(p)))
            {
                (owner, repo) = (parts[0], parts[1]);
            }
            else
            {
                Bag.Error(r.Value, $"'repository' {where} must be OWNER/NAME, found '{full}'", RepoHint);
            }
        }

        var api = keys.TryGetValue("api_url", out var a) ? ReadUrl("api_url", a, where) : GitHubSinkConfig.DefaultApiUrl;
        var token = keys.TryGetValue("token_env", out var t) ? ReadVariableName("token_env", t, where) : GitHubSinkConfig.DefaultTokenEnvironmentVariable;
        var labels = keys.TryGetValue("labels", out var l) ? ReadStrings("labels", l, where, $"a list of label names, " +
            $"e.g. labels: [ailab-incident, perf]") : null;
        if (labels is { Count: 0 })
        {
            Bag.Error(l!.Value, $"'labels' {where} is empty", "list at least one label: AiLab finds the issues it filed by their first label");
        }

        return owner is null || repo is null || api is null || token is null || labels is { Count: 0 }
            ? null
            : new GitHubSinkConfig(name, api, owner, repo, token, labels ?? GitHubSinkConfig.DefaultLabels);
    }

    private SmtpSinkConfig? ReadSmtp(Dictionary<string, ConfigEntry> keys, ConfigMapping map, string name, string where)
    {
        const string AddressHint = "an e-mail address such as ailab@example.com";
        var host = Required(keys, "host", map, where, $"add 'host: " +
            $"smtp.example.com'") is { } h ? values.String("host", h, where, "the SMTP server's host name") : null;
        var port = keys.TryGetValue("port", out var p) ? values.Integer("port", p, where, 1, "a TCP port between 1 and 65535") : null;
        if (port > 65535)
        {
            Bag.Error(p!.Value, $"'port' {where} must be at most 65535, found {port}", "a TCP port between 1 and 65535");
            port = null;
        }

        var from = Required(keys, "from", map, where, $"add 'from: ...', {AddressHint}") is { } f ? ReadAddress("from", f, where) : null;
        var to = keys.TryGetValue("to", out var t) ? ReadStrings("to", t, where, $"a list of addresses, e.g. to: [perf@example.com]") : [];
        foreach (var address in to ?? [])
        {
            if (!IsAddress(address))
            {
                Bag.Error(t!.Value, $"'{address}' in 'to' {where} is not an e-mail address", AddressHint);
            }
        }

        var toAuthor = keys.TryGetValue("to_author", out var ta) ? ReadBoolean("to_author", ta, where) : false;
        if (to is { Count: 0 } && toAuthor == false)
        {
            Bag.Error(t?.Key ?? map, $"sink '{name}' has no recipient", "list addresses under 'to:', or set 'to_author: true' to mail the culprit's author");
            to = null;
        }

        var security = keys.TryGetValue("tls", out var s) ? ReadTls(s, where) : SmtpSecurity.StartTls;
        var user = keys.TryGetValue("username", out var u) ? values.String("username", u, where, "the SMTP login") : null;
        var password = keys.TryGetValue("password_env", out var pw) ? ReadVariableName("password_env", pw, where) : null;
        if ((user is null) != (password is null) && (u ?? pw) is { } lonely)
        {
            Bag.Error(lonely.Key, $"'username' and 'password_env' {where} go together",
                "set both to log in (the password is read from the variable 'password_env' names), or neither");
        }

        var timeout = keys.TryGetValue("timeout", out var tm) ? values.Duration("timeout", tm, where) : null;
        return host is null || from is null || to is null || security is null || toAuthor is null
            ? null
            : new SmtpSinkConfig(name, host, port ?? DefaultPort(security.Value), from, to, toAuthor.Value, security.Value, user, password,
                timeout ?? SmtpSinkConfig.DefaultTimeout);
    }

    private MarkdownSinkConfig? ReadMarkdown(Dictionary<string, ConfigEntry> keys, ConfigMapping map, string name, string where)
    {
        var directory = Required(keys, "directory", map, where, "add 'directory: incidents' (relative to this file)") is { } d
            ? values.String("directory", d, where, "a directory, absolute or relative to this file")
            : null;
        return directory is null ? null : new MarkdownSinkConfig(name, directory);
    }

    private static int DefaultPort(SmtpSecurity security) => security switch
    {
        SmtpSecurity.Ssl => 465,
        SmtpSecurity.StartTls => 587,
        _ => 25,
    };

    private ConfigEntry? Required(Dictionary<string, ConfigEntry> keys, string key, ConfigMapping map, string where, string hint)
    {
        if (keys.TryGetValue(key, out var entry))
        {
            return entry;
        }

        Bag.Error(map, $"missing required key '{key}' {where}", hint);
        return null;
    }

    private Uri? ReadUrl(string key, ConfigEntry entry, string where)
    {
        const string Hint = "an absolute http:// or https:// URL";
        var text = values.String(key, entry, where, Hint);
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        Bag.Error(entry.Value, $"'{key}' {where} is not an http(s) URL: '{text}'", Hint);
        return null;
    }

    private string? ReadVariableName(string key, ConfigEntry entry, string where)
    {
        const string Hint = "the NAME of an environment variable (letters, digits, '_'), e.g. GITHUB_TOKEN, not its value";
        var text = values.String(key, entry, where, Hint);
        if (text is null)
        {
            return null;
        }

        // Never echo the value back: when this check fires it is usually the secret itself.
        if (TokenPrefixes.Any(p => text.StartsWith(p, StringComparison.Ordinal)))
        {
            Bag.Error(entry.Value, $"'{key}' {where} must name an environment variable, found what looks like a " +
                $"GitHub token", Hint + "; and revoke the token, it was written into the file");
            return null;
        }

        if (!VariableName().IsMatch(text))
        {
            Bag.Error(entry.Value, $"'{key}' {where} must name an environment variable, found '{(text.Length > 12 ? text[..4] + "..." : text)}'", Hint);
            return null;
        }

        return text;
    }

    private string? ReadAddress(string key, ConfigEntry entry, string where)
    {
        var text = values.String(key, entry, where, "an e-mail address such as ailab@example.com");
        if (text is not null && !IsAddress(text))
        {
            Bag.Error(entry.Value, $"'{key}' {where} is not an e-mail address: '{text}'", "an e-mail address such as ailab@example.com");
            return null;
        }

        return text;
    }

    // A list of non-empty strings; a single string is taken as a list of one.
    private List<string>? ReadStrings(string key, ConfigEntry entry, string where, string hint)
    {
        if (entry.Value is ConfigScalar { IsNull: false } single)
        {
            return [single.Value];
        }

        if (entry.Value is not ConfigSequence list)
        {
            var found = entry.Value is ConfigScalar { IsNull: true } ? "nothing" : entry.Value.Describe();
            Bag.Error(entry.Value is ConfigScalar { IsNull: true } ? entry.Key : entry.Value, $"'{key}' {where} must be a list, found {found}", hint);
            return null;
        }

        var result = new List<string>();
        foreach (var item in list.Items)
        {
            if (item is ConfigScalar { IsNull: false } s && !string.IsNullOrWhiteSpace(s.Value))
            {
                result.Add(s.Value);
            }
            else
            {
                Bag.Error(item, $"an item of '{key}' {where} must be a non-empty string, found {item.Describe()}", hint);
            }
        }

        return result;
    }

    private bool? ReadBoolean(string key, ConfigEntry entry, string where)
    {
        var scalar = values.Scalar(key, entry, where, "true or false", "write true or false");
        switch (scalar)
        {
            case null:
                return null;
            case { IsPlain: true, Value: "true" or "True" or "TRUE" }:
                return true;
            case { IsPlain: true, Value: "false" or "False" or "FALSE" }:
                return false;
            default:
                Bag.Error(scalar, $"'{key}' {where} must be true or false, found {scalar.Describe()}", "write true or false, without quotes");
                return null;
        }
    }

    private SmtpSecurity? ReadTls(ConfigEntry entry, string where)
    {
        var allowed = $"allowed values: {string.Join(", ", TlsNames)}";
        var scalar = values.Scalar("tls", entry, where, "one of " + string.Join(", ", TlsNames), allowed);
        switch (scalar?.Value)
        {
            case null:
                return null;
            case "none":
                return SmtpSecurity.None;
            case "starttls":
                return SmtpSecurity.StartTls;
            case "ssl":
                return SmtpSecurity.Ssl;
            default:
                var closest = Suggestions.Closest(scalar.Value, TlsNames);
                var found = scalar.IsPlain && scalar.Value is "false" or "true" ? $"the boolean '{scalar.Value}'" : $"'{scalar.Value}'";
                Bag.Error(scalar, $"unknown tls {found} {where}", closest is null ? allowed : $"did you mean '{closest}'? {allowed}");
                return null;
        }
    }

    private static bool IsAddress(string text) => Address().IsMatch(text);

    [GeneratedRegex(@"^[^@\s<>]+@[^@\s<>]+\z")]
    private static partial Regex Address();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"^[A-Za-z0-9._-]+\z")]
    private static partial Regex RepoPart();
}
