namespace AiLab.Core.Workflows.Yaml;

/// <summary>A YAML node with the 1-based position where it starts, for messages that point at it.</summary>
internal abstract class ConfigNode(int line, int column)
{
    /// <summary>1-based line where the node starts.</summary>
    public int Line { get; } = line;

    /// <summary>1-based column where the node starts.</summary>
    public int Column { get; } = column;

    /// <summary>What the node is, for "found ..." in messages (e.g. "a list", "the string 'x'").</summary>
    public abstract string Describe();
}
