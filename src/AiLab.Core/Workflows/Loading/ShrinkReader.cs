using System.Globalization;
using System.Text.Json;
using AiLab.Core.Footprints;
using AiLab.Core.Workflows.Yaml;

namespace AiLab.Core.Workflows.Loading;

/// <summary>Reads a workflow's <c>footprint:</c> globs and its <c>shrink:</c> overrides.</summary>
internal static class ShrinkReader
{
    private static readonly string[] ShrinkKeys = ["set", "keep", "configs"];

    /// <summary>The <c>footprint:</c> list of repository-relative globs.</summary>
    public static List<string> Globs(ValueReader values, ConfigEntry entry, string where)
    {
        const string Hint = "write a list of repository-relative globs, e.g. footprint: ['src/**/*.cs', 'lib/*.so']";
        return Strings(values, "footprint", entry, where, Hint, PathGlob.Problem);
    }

    /// <summary>The <c>shrink:</c> mapping.</summary>
    public static ShrinkSettings Read(ValueReader values, ConfigEntry entry, string where)
    {
        if (entry.Value is not ConfigMapping map)
        {
            values.Bag.Error(entry.Value is ConfigScalar { IsNull: true } ? entry.Key : entry.Value,
                $"'shrink' {where} must be a mapping with set, keep, configs", "e.g. shrink: {set: {steps: 2}}");
            return ShrinkSettings.None;
        }

        var keys = MappingReader.Read(map, $"under 'shrink' {where}", ShrinkKeys, values.Bag);
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        if (keys.TryGetValue("set", out var setEntry))
        {
            if (setEntry.Value is ConfigMapping setMap)
            {
                foreach (var (key, value) in MappingReader.Read(setMap, $"under 'shrink.set' {where}", null,
                    values.Bag))
                {
                    if (ToJson(value.Value) is { } json) set[key] = json;
                    else values.Bag.Error(value.Value, $"'shrink.set.{key}' {where} must be a scalar or a list of "
                        + $"scalars, found {value.Value.Describe()}", "e.g. steps: 2 or hidden_sizes: [32, 16]");
                }
            }
            else
            {
                values.Bag.Error(setEntry.Value, $"'shrink.set' {where} must be a mapping of key: value",
                    "e.g. set: {steps: 2, device: cpu}");
            }
        }

        return new ShrinkSettings
        {
            Set = set,
            Keep = keys.TryGetValue("keep", out var keep)
                ? Strings(values, "shrink.keep", keep, where, "a list of keys, e.g. keep: [batch_size]", null) : [],
            Configs = keys.TryGetValue("configs", out var configs)
                ? Strings(values, "shrink.configs", configs, where,
                    "a list of config files, e.g. configs: [config.json]",
                    p => Path.IsPathRooted(p) ? "must be relative to the workflow's directory" : null)
                : [],
        };
    }

    private static string? ToJson(ConfigNode node) => node switch
    {
        ConfigScalar { IsNull: true } => "null",
        ConfigScalar s => ScalarJson(s),
        ConfigSequence list when list.Items.All(i => i is ConfigScalar) =>
            "[" + string.Join(", ", list.Items.Select(i => ScalarJson((ConfigScalar)i))) + "]",
        _ => null,
    };

    private static string ScalarJson(ConfigScalar scalar)
    {
        if (scalar.IsPlain && scalar.Value is "true" or "false") return scalar.Value;
        if (scalar.IsPlain && long.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture,
            out var i))
            return i.ToString(CultureInfo.InvariantCulture);
        if (scalar.IsPlain && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture,
            out var d))
            return d.ToString("R", CultureInfo.InvariantCulture);
        return JsonSerializer.Serialize(scalar.Value);
    }

    private static List<string> Strings(
        ValueReader values, string key, ConfigEntry entry, string where, string hint, Func<string, string?>? problem)
    {
        var found = new List<string>();
        if (entry.Value is not ConfigSequence list)
        {
            values.Bag.Error(entry.Value is ConfigScalar { IsNull: true } ? entry.Key : entry.Value,
                $"'{key}' {where} must be a list, found {entry.Value.Describe()}", hint);
            return found;
        }

        foreach (var item in list.Items)
        {
            if (item is not ConfigScalar { IsNull: false } scalar || string.IsNullOrWhiteSpace(scalar.Value))
                values.Bag.Error(item, $"an item of '{key}' {where} must be a non-empty string", hint);
            else if (problem?.Invoke(scalar.Value) is { } why)
                values.Bag.Error(item, $"'{scalar.Value}' in '{key}' {where}: {why}", hint);
            else found.Add(scalar.Value);
        }

        return found;
    }
}
