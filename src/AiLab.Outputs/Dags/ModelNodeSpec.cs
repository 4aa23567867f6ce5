namespace AiLab.Outputs.Dags;

/// <summary>A node that turns examples into one score per example.</summary>
/// <param name="Name">The node's name, unique in the DAG.</param>
/// <param name="Kind">ONNX model or external command.</param>
/// <param name="Model">Full path of the .onnx file (ONNX nodes).</param>
/// <param name="Run">The command line (command nodes), run in the DAG file's folder.</param>
/// <param name="Columns">The data columns (or the feature node's outputs) fed to the node, in order.</param>
/// <param name="Input">The ONNX input name; null for the model's only input.</param>
/// <param name="Output">The ONNX output name or the JSON field of a command's output lines.</param>
/// <param name="Line">Where the node starts in the DAG file, for messages.</param>
public sealed record ModelNodeSpec(
    string Name, NodeKind Kind, string? Model, IReadOnlyList<string>? Run, IReadOnlyList<string> Columns, string? Input, string? Output, int Line)
{
    /// <summary>The feature node whose outputs <see cref="Columns"/> name; null when they are data columns.</summary>
    public string? Features { get; init; }

    /// <summary>The example-table column that holds <paramref name="column"/> (a feature output or a data
    /// column).</summary>
    public string TableColumn(string column) => Features is null ? column : $"{Features}.{column}";
}
