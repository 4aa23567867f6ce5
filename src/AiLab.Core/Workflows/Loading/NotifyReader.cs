using System.Text.RegularExpressions;
using AiLab.Core.Incidents.Sinks;
using AiLab.Core.Workflows.Yaml;

namespace AiLab.Core.Workflows.Loading;

/// <summary>Validates the top-level <c>notify:</c> section: retry settings and the list of sinks.</summary>
internal sealed partial class NotifyReader(ValueReader values)
{
    private const string Where = "in 'notify'";
    private const string Example = "notify: {sinks: [{type: markdown, directory: incidents}]}";
    private static readonly string[] Keys = ["sinks", "attempts", "backoff"];

    private DiagnosticBag Bag => values.Bag;

    /// <summary>The section's settings; problems go to the bag.</summary>
    public NotifyConfig Read(ConfigEntry entry)
    {
        if (entry.Value is not ConfigMapping map)
        {
            var found = entry.Value is ConfigScalar { IsNull: true } ? "nothing" : entry.Value.Describe();
            var hint = entry.Value is ConfigSequence
                ? "put the list under 'sinks:', e.g. notify: {sinks: [...]}"
                : $"e.g. {Example}; or remove the key";
            Bag.Error(entry.Value is ConfigScalar { IsNull: true } ? entry.Key : entry.Value,
                $"'notify' must be a mapping of {string.Join(", ", Keys)}, found {found}", hint);
            return NotifyConfig.None;
        }

        var keys = MappingReader.Read(map, Where, Keys, Bag, (key, _) => SinkReader.Types.Contains(key)
            ? $"sinks are list items with a 'type': write '- type: {key}' under 'sinks:'"
            : null);
        var attempts = keys.TryGetValue("attempts", out var a)
            ? values.Integer("attempts", a, Where, 1, "tries per incident and sink in one run, the first included: a whole number of at least 1")
            : null;
        var backoff = keys.TryGetValue("backoff", out var b) ? values.Duration("backoff", b, Where) : null;
        var sinks = keys.TryGetValue("sinks", out var s) ? ReadSinks(s) : [];
        if (!keys.ContainsKey("sinks"))
        {
            Bag.Error(entry.Key, "'notify' lists no 'sinks'", $"add at least one sink, e.g. {Example}; or remove 'notify'");
        }

        return new NotifyConfig(sinks, attempts ?? NotifyConfig.DefaultAttempts, backoff ?? NotifyConfig.DefaultBackoff);
    }

    private List<SinkConfig> ReadSinks(ConfigEntry entry)
    {
        var sinks = new List<SinkConfig>();
        if (entry.Value is not ConfigSequence list || list.Items.Count == 0)
        {
            var found = entry.Value is ConfigScalar { IsNull: true } or ConfigSequence ? "nothing" : entry.Value.Describe();
            Bag.Error(entry.Value is ConfigScalar { IsNull: true } or ConfigSequence ? entry.Key : entry.Value,
                $"'sinks' {Where} must be a list of sinks, found {found}",
                "write one '- type: ...' item per sink (types: webhook, github, smtp, markdown)");
            return sinks;
        }

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new SinkReader(values);
        foreach (var item in list.Items)
        {
            if (item is not ConfigMapping map)
            {
                Bag.Error(item, $"a sink {Where} must be a mapping with a 'type', found {item.Describe()}",
                    "e.g. '- type: webhook' with 'url: https://...' indented under it");
                continue;
            }

            var (name, nameIsValid) = ReadName(map);
            if (reader.Read(map, name) is not { } sink || !nameIsValid)
            {
                continue;
            }

            if (names.TryGetValue(sink.Name, out var first))
            {
                Bag.Error(map, $"two sinks are named '{sink.Name}' {Where}; the first is on line {first}",
                    "give each sink of the same type a distinct 'name': deliveries are remembered per name");
                continue;
            }

            names.Add(sink.Name, map.Line);
            sinks.Add(sink);
        }

        return sinks;
    }

    // The explicit name (null: the sink is named after its type), and whether it is usable.
    private (string? Name, bool IsValid) ReadName(ConfigMapping map)
    {
        var entry = map.Entries.FirstOrDefault(e => e.Key is ConfigScalar { Value: "name" });
        if (entry is null)
        {
            return (null, true);
        }

        var name = values.String("name", entry, "in a sink", "a short name of letters, digits, '.', '_' and '-', unique among the sinks");
        if (name is not null && !NamePattern().IsMatch(name))
        {
            Bag.Error(entry.Value, $"invalid sink name '{name}'", "use only letters, digits, '.', '_' and '-'");
            return (null, false);
        }

        return (name, name is not null);
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]+\z")]
    private static partial Regex NamePattern();
}
