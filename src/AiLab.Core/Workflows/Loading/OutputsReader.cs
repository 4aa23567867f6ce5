using AiLab.Core.Workflows.Yaml;

namespace AiLab.Core.Workflows.Loading;

/// <summary>Validates the <c>outputs:</c> section: model-output comparisons by name, each the path of its DAG file
/// relative to <c>ailab.yaml</c> (docs/outputs.md).</summary>
internal sealed class OutputsReader(ValueReader values)
{
    private const string Example = "outputs: {fraud-model: outputs.yaml}";

    /// <summary>The DAG files by name, in file order; problems go to the bag.</summary>
    public IReadOnlyDictionary<string, string> Read(ConfigEntry entry)
    {
        var dags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (entry.Value is not ConfigMapping map)
        {
            values.Bag.Error(entry.Value is ConfigScalar { IsNull: true } ? entry.Key : entry.Value,
                $"'outputs' must be a mapping from comparison name to DAG file, found {entry.Value.Describe()}",
                $"e.g. {Example}");
            return dags;
        }

        foreach (var (name, item) in MappingReader.Read(map, "in 'outputs'", null, values.Bag))
        {
            if (values.String(name, item, "in 'outputs'", $"the DAG file's path, e.g. {Example}") is { } path)
                dags[name] = path;
        }

        return dags;
    }
}
