using System.Text.Json.Nodes;
using AiLab.Core.Workflows;

namespace AiLab.Lab.Shrinking;

/// <summary>What the shrinker derived from a production workflow, before anything is written.</summary>
public sealed record ShrunkWorkflow
{
    /// <summary>The production workflow.</summary>
    public required WorkflowSpec Production { get; init; }

    /// <summary>The derived workflow (<c>NAME-shrunk</c>, <c>shrunk_from: NAME</c>).</summary>
    public required WorkflowSpec Shrunk { get; init; }

    /// <summary>Every value changed, in the order found.</summary>
    public required IReadOnlyList<ShrinkChange> Changes { get; init; }

    /// <summary>The derived config files to write (absolute path → content), next to their originals.</summary>
    public required IReadOnlyDictionary<string, JsonNode> Files { get; init; }
}
