using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace AiLab.Lab.Shrinking;

/// <summary>Reads and writes the config conventions the shrinker understands: JSON and YAML files, as one
/// tree.</summary>
public static class ConfigFile
{
    /// <summary>True for a file name the shrinker can read.</summary>
    public static bool IsSupported(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".json" or ".yaml" or ".yml";

    /// <summary>True for a file name that looks like a config the shrinker cannot read.</summary>
    public static bool IsUnsupportedConfig(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".toml" or ".ini" or ".cfg" or ".conf" or ".properties";

    /// <summary>The file's tree; null with <paramref name="problem"/> (naming line and column) when
    /// unreadable.</summary>
    public static JsonNode? Read(string path, out string? problem)
    {
        problem = null;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            problem = $"cannot read it: {e.Message}";
            return null;
        }

        if (Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return JsonNode.Parse(text,
                    documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            }
            catch (JsonException e)
            {
                problem = $"not valid JSON at line {(e.LineNumber ?? 0) + 1}, byte " +
                    $"{(e.BytePositionInLine ?? 0) + 1}: " +
                          e.Message.Split(" Path:")[0];
                return null;
            }
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? new JsonObject() : FromYaml(stream.Documents[0].RootNode);
        }
        catch (YamlException e)
        {
            problem = $"not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}";
            return null;
        }
    }

    /// <summary>Writes <paramref name="tree"/> in the format of <paramref name="path"/>'s extension.</summary>
    public static void Write(string path, JsonNode tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            File.WriteAllText(path, tree.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            return;
        }

        File.WriteAllText(path, new SerializerBuilder().Build().Serialize(ToPlain(tree)));
    }

    private static JsonNode? FromYaml(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", FromYaml(kv.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(FromYaml)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain) return JsonValue.Create(text);
        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
            return JsonNode.Parse(i.ToString(CultureInfo.InvariantCulture)); // reads back as any numeric type
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            return JsonNode.Parse(d.ToString("R", CultureInfo.InvariantCulture));
        return JsonValue.Create(text);
    }

    private static object? ToPlain(JsonNode? node) => node switch
    {
        JsonObject o => o.ToDictionary(kv => kv.Key, kv => ToPlain(kv.Value)),
        JsonArray a => a.Select(ToPlain).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Number => v.TryGetValue<long>(out var l) ? l : v.GetValue<double>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => v.GetValue<string>(),
        },
        _ => null,
    };
}
