namespace AiLab.Core.Workflows.Yaml;

/// <summary>A YAML mapping; unlike YamlDotNet's it keeps duplicate keys so that each can be reported with its line.</summary>
internal sealed class ConfigMapping(IReadOnlyList<ConfigEntry> entries, int line, int column) : ConfigNode(line, column)
{
    /// <summary>The key/value pairs in file order, duplicates included.</summary>
    public IReadOnlyList<ConfigEntry> Entries { get; } = entries;

    /// <inheritdoc />
    public override string Describe() => "a mapping";
}
