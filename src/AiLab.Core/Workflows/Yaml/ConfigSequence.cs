namespace AiLab.Core.Workflows.Yaml;

/// <summary>A YAML sequence (list).</summary>
internal sealed class ConfigSequence(IReadOnlyList<ConfigNode> items, int line, int column) : ConfigNode(line, column)
{
    /// <summary>The items, in order.</summary>
    public IReadOnlyList<ConfigNode> Items { get; } = items;

    /// <inheritdoc />
    public override string Describe() => "a list";
}
