namespace AiLab.Outputs;

/// <summary>A model node failed while running: it crashed, answered for the wrong examples, gave NaN scores or the
/// wrong output shape. Names the node and, where there is one, the example. Becomes exit code 3.</summary>
public sealed class NodeFailedException(string node, string? exampleId, string problem)
    : Exception($"node '{node}'{(exampleId is null ? "" : $", example '{exampleId}'")}: {problem}")
{
    /// <summary>The node that failed.</summary>
    public string Node { get; } = node;

    /// <summary>The example it failed on, when one is to blame.</summary>
    public string? ExampleId { get; } = exampleId;
}
