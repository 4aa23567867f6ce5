using System.Text.Json.Nodes;
using AiLab.Core.Workflows;

namespace AiLab.Lab.Shrinking;

/// <summary>One derivation's state: the overrides, what changed, what was not understood.</summary>
internal sealed class Session(ShrinkSettings settings, IReadOnlyList<ShrinkRule> rules)
{
    private readonly HashSet<string> usedOverrides = new(StringComparer.Ordinal);
    private readonly HashSet<string> keep = new(settings.Keep.SelectMany(k => new[] { k, ShrinkRule.Normalize(k) }),
        StringComparer.Ordinal);

    public List<ShrinkChange> Changes { get; } = [];

    public List<ShrinkProblem> Problems { get; } = [];

    public void Problem(string where, string key, string reason) => Problems.Add(new ShrinkProblem(where, key, reason));

    /// <summary>The shrunk value of a flag, or null to leave it.</summary>
    public string? ShrinkFlag(string flag, string? value)
    {
        if (settings.Set.TryGetValue(flag, out var json))
        {
            usedOverrides.Add(flag);
            var text = JsonNode.Parse(json) is JsonValue v && v.TryGetValue<string>(out var s) ? s : json;
            if (value is null) Problem(Shrinker.CommandLine, flag, "shrink.set gives a value but the flag takes none");
            else Changes.Add(new ShrinkChange(Shrinker.CommandLine, flag, value, text, "override"));
            return text;
        }

        if (keep.Contains(flag) || keep.Contains(ShrinkRule.Normalize(flag)) || value is null) return null;
        if (ShrinkRules.For(flag, rules) is not { } rule) return null;
        var node = long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? JsonValue.Create(n) : (JsonNode)JsonValue.Create(value);
        var shrunk = rule.Apply(node, null, out var problem);
        if (shrunk is null)
        {
            Problem(Shrinker.CommandLine, flag, $"the {rule.Name} rule {problem}");
            return null;
        }

        var shrunkText = shrunk is JsonValue sv && sv.TryGetValue<string>(out var str) ? str : shrunk.ToJsonString();
        if (shrunkText == value) return null;
        Changes.Add(new ShrinkChange(Shrinker.CommandLine, flag, value, shrunkText, rule.Name));
        return shrunkText;
    }

    /// <summary>Shrinks every key of <paramref name="node"/> in place.</summary>
    public void ShrinkTree(string where, JsonNode? node, string prefix)
    {
        if (node is JsonArray list)
        {
            foreach (var item in list) ShrinkTree(where, item, prefix);
            return;
        }

        if (node is not JsonObject map) return;
        foreach (var key in map.Select(kv => kv.Key).ToList())
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            var value = map[key];
            if (settings.Set.TryGetValue(path, out var json) || settings.Set.TryGetValue(key, out json))
            {
                usedOverrides.Add(settings.Set.ContainsKey(path) ? path : key);
                var to = JsonNode.Parse(json);
                Changes.Add(new ShrinkChange(where, path, value?.ToJsonString() ?? "null", to?.ToJsonString() ?? "null",
                    "override"));
                map[key] = to;
                continue;
            }

            if (keep.Contains(path) || keep.Contains(key) || keep.Contains(ShrinkRule.Normalize(key))) continue;
            if (ShrinkRules.For(key, rules) is { } rule && value is not JsonObject)
            {
                var shrunk = rule.Apply(value?.DeepClone(), map, out var problem);
                if (shrunk is null)
                {
                    Problem(where, path, $"the {rule.Name} rule {problem}");
                    continue;
                }

                if (shrunk.ToJsonString() != (value?.ToJsonString() ?? "null"))
                {
                    Changes.Add(new ShrinkChange(where, path, value?.ToJsonString() ?? "null", shrunk.ToJsonString(),
                        rule.Name));
                    map[key] = shrunk;
                }

                continue;
            }

            ShrinkTree(where, value, path);
        }
    }

    /// <summary>Flag overrides (<c>--name</c>) the command does not have: they are appended to it.</summary>
    public IEnumerable<KeyValuePair<string, string>> UnusedFlagOverrides()
    {
        foreach (var (key, json) in settings.Set.Where(kv => kv.Key.StartsWith("--", StringComparison.Ordinal)))
        {
            if (usedOverrides.Contains(key)) continue;
            usedOverrides.Add(key);
            var text = JsonNode.Parse(json) is JsonValue v && v.TryGetValue<string>(out var s) ? s : json;
            Changes.Add(new ShrinkChange(Shrinker.CommandLine, key, "(absent)", text, "override"));
            yield return KeyValuePair.Create(key, text);
        }
    }

    /// <summary>Reports config-key overrides that matched no key of any config file.</summary>
    public void ReportUnusedOverrides(int configFiles)
    {
        foreach (var key in settings.Set.Keys.Where(k => !usedOverrides.Contains(k)))
        {
            Problem("ailab.yaml", $"shrink.set.{key}", configFiles == 0
                ? "no config file was found to set it in: name the file under 'shrink.configs', or write the key as a "
                  + "flag (--" + key + ")"
                : "no config file has this key (use a dotted path for nested keys, e.g. model.layers)");
        }
    }
}
