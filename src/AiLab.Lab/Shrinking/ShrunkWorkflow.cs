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

    /// <summary>Changes a rule would have made but the verifier undid, because the shrunk run no longer represented
    /// a phase with them (<see cref="ShrinkVerifier.VerifyRepresentingAsync"/>); empty when none.</summary>
    public IReadOnlyList<ShrinkChange> Restored { get; init; } = [];

    /// <summary>The phases the restored changes keep represented.</summary>
    public IReadOnlyList<string> RestoredFor { get; init; } = [];
}
