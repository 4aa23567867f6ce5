using AiLab.Core.Workflows.Yaml;

namespace AiLab.Core.Workflows.Loading;

/// <summary>Reads the keys of a mapping, reporting keys that are not names, duplicates and unknown keys.</summary>
internal static class MappingReader
{
    /// <summary>The entries whose key is allowed, by key; every other entry is reported once.</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="where">Where the mapping is, continuing a sentence: "in workflow 'train'".</param>
    /// <param name="allowed">The allowed keys, in the order the hint lists them; null to allow any name.</param>
    /// <param name="bag">Receives the problems.</param>
    /// <param name="hintForUnknown">A hint for an unknown key that edit distance would not explain, or null.</param>
    public static Dictionary<string, ConfigEntry> Read(
        ConfigMapping map,
        string where,
        IReadOnlyList<string>? allowed,
        DiagnosticBag bag,
        Func<string, ConfigEntry, string?>? hintForUnknown = null)
    {
        var seen = new Dictionary<string, ConfigEntry>(StringComparer.Ordinal);
        var known = new Dictionary<string, ConfigEntry>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            if (entry.Key is not ConfigScalar { IsNull: false } key)
            {
                bag.Error(entry.Key, $"a key {where} must be a name, found {entry.Key.Describe()}",
                    "write keys as plain words followed by ':'");
                continue;
            }

            if (seen.TryGetValue(key.Value, out var first))
            {
                bag.Error(key, $"duplicate key '{key.Value}' {where}; it is first set on line {first.Key.Line}",
                    "remove one of them: YAML allows each key once per mapping");
                continue;
            }

            seen.Add(key.Value, entry);
            if (allowed is null || allowed.Contains(key.Value))
            {
                known.Add(key.Value, entry);
                continue;
            }

            var allowedText = $"allowed keys: {string.Join(", ", allowed)}";
            var closest = Suggestions.Closest(key.Value, allowed);
            var extra = key.Value == "<<" ? "YAML merge keys are not supported: put shared settings under 'defaults:'"
                : closest is null ? hintForUnknown?.Invoke(key.Value, entry)
                : null;
            var hint = closest is not null ? $"did you mean '{closest}'? {allowedText}"
                : extra is not null ? $"{extra}; {allowedText}"
                : allowedText;
            bag.Error(key, $"unknown key '{key.Value}' {where}", hint);
        }

        return known;
    }
}
