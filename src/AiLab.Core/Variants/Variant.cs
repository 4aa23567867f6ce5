namespace AiLab.Core.Variants;

/// <summary>What differs between the two sides of an experiment: a git revision, environment variables, or both.</summary>
/// <param name="Label">"A" or "B" (or "A1"/"A2" in an A/A run).</param>
/// <param name="Revision">A revision git understands; null runs the current directory as it is.</param>
/// <param name="Environment">Variables set for this variant on top of the workflow's.</param>
public sealed record Variant(string Label, string? Revision, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Parses <c>REV[,KEY=VALUE...]</c> or <c>KEY=VALUE[,KEY=VALUE...]</c> (same code, other environment).</summary>
    /// <exception cref="FormatException">The spec is empty or a KEY=VALUE item has no key.</exception>
    public static Variant Parse(string label, string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Split(',', StringSplitOptions.TrimEntries);
        if (parts.All(string.IsNullOrEmpty))
            throw new FormatException($"variant {label}: empty; give a revision (e.g. HEAD~1) and/or KEY=VALUE environment items");
        string? revision = null;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length == 0) continue;
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                if (i != 0)
                    throw new FormatException($"variant {label}: '{part}' is neither the first item (the revision) nor KEY=VALUE; write REV,KEY=VALUE,...");
                revision = part;
            }
            else if (eq == 0)
            {
                throw new FormatException($"variant {label}: '{part}' has no variable name before '='");
            }
            else
            {
                env[part[..eq]] = part[(eq + 1)..];
            }
        }

        return new Variant(label, revision, env);
    }

    /// <summary>How the variant reads in reports: <c>HEAD~1</c>, <c>HEAD~1 +TORCH_LAZY=1</c>, or <c>working tree</c>.</summary>
    public string Describe()
    {
        var rev = Revision ?? "working tree";
        return Environment.Count == 0 ? rev : rev + " " + string.Join(' ', Environment.Select(kv => $"+{kv.Key}={kv.Value}"));
    }
}
