namespace AiLab.Outputs.Features;

/// <summary>A feature node: derives model inputs from data columns, so that a DAG reads features → models →
/// comparison and the models get exactly the inputs they were trained on.</summary>
/// <param name="Name">The node's name; model nodes name it in <c>features:</c>.</param>
/// <param name="Outputs">Its outputs, in file order (the order a model node reads them by default).</param>
/// <param name="Line">Where the node starts in the DAG file, for messages.</param>
public sealed record FeatureNodeSpec(string Name, IReadOnlyList<FeatureSpec> Outputs, int Line)
{
    /// <summary>The table column that holds <paramref name="output"/> once the node has run.</summary>
    public static string Column(string node, string output) => $"{node}.{output}";
}
