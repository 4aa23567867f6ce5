namespace AiLab.Core.Workflows;

/// <summary>Which variables of the caller's environment a workload inherits: all of them except those whose names
/// look like credentials (<see cref="DefaultDeny"/>) or match <see cref="Deny"/>, unless they match
/// <see cref="Allow"/>. Variables the workflow or a variant sets explicitly are never withheld.</summary>
/// <remarks>Patterns are names with <c>*</c> for any run of characters, compared case-insensitively. Only names are
/// ever recorded (in the experiment, <c>show</c> and the JSON), never values.</remarks>
public sealed record EnvironmentPolicy
{
    /// <summary>Names that look like credentials, withheld by default (listed in docs/ailab-yaml.md).</summary>
    public static readonly IReadOnlyList<string> DefaultDeny =
    [
        "*TOKEN*", "*SECRET*", "*PASSWORD*", "*PASSWD*", "*PASSPHRASE*", "*CREDENTIAL*", "*_KEY", "*_KEY_*",
        "*API_KEY*", "*APIKEY*", "*ACCESS_KEY*", "*PRIVATE_KEY*", "*_AUTH", "*AUTH_TOKEN*", "*COOKIE*",
        "AZURE_CLIENT_*", "GOOGLE_APPLICATION_CREDENTIALS", "SSH_AUTH_SOCK", "*_PAT", "NETRC",
    ];

    /// <summary>The default: withhold <see cref="DefaultDeny"/>, nothing extra, nothing let through.</summary>
    public static readonly EnvironmentPolicy Default = new();

    /// <summary>Patterns let through even when they match a deny pattern (e.g. <c>HF_TOKEN</c> a job needs).</summary>
    public IReadOnlyList<string> Allow { get; init; } = [];

    /// <summary>Patterns withheld on top of <see cref="DefaultDeny"/>.</summary>
    public IReadOnlyList<string> Deny { get; init; } = [];

    /// <summary>True when the workload must not inherit <paramref name="name"/>.</summary>
    public bool Withholds(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return !Allow.Any(p => Matches(p, name))
               && (DefaultDeny.Any(p => Matches(p, name)) || Deny.Any(p => Matches(p, name)));
    }

    /// <summary>The names among <paramref name="inherited"/> that are withheld, except those set explicitly in
    /// <paramref name="explicitlySet"/>; sorted ordinally.</summary>
    public IReadOnlyList<string> Withheld(IEnumerable<string> inherited, IEnumerable<string> explicitlySet)
    {
        var set = new HashSet<string>(explicitlySet, StringComparer.Ordinal);
        return inherited.Where(n => !set.Contains(n) && Withholds(n)).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Why <paramref name="pattern"/> cannot be used, or null when it can.</summary>
    public static string? Problem(string pattern) =>
        string.IsNullOrWhiteSpace(pattern) ? "it is empty"
        : pattern.Contains('=', StringComparison.Ordinal) ? "a name cannot contain '='"
        : pattern.Any(char.IsWhiteSpace) ? "a name cannot contain spaces"
        : pattern.All(c => c == '*') ? "it matches every variable; to withhold everything is not supported"
        : null;

    /// <summary>Glob match with <c>*</c> only, case-insensitive (iterative, no backtracking blow-up).</summary>
    public static bool Matches(string pattern, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(name);
        int p = 0, n = 0, star = -1, mark = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && pattern[p] != '*'
                && char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(name[n]))
            {
                p++;
                n++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = n;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }
}
