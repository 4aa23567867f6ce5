using AiLab.Core.Experiments;
using AiLab.Core.Variants;
using AiLab.Core.Workflows;

namespace AiLab.Lab.Experiments;

/// <summary>What the user asked for, before revisions are resolved and the experiment is stored.</summary>
public sealed record ExperimentPlan
{
    /// <summary>A/B or a plain run.</summary>
    public required ExperimentKind Kind { get; init; }

    /// <summary>The workflow to run.</summary>
    public required WorkflowSpec Workflow { get; init; }

    /// <summary>The git repository the variants' revisions come from, or null to run the working directory as it is.</summary>
    public string? RepositoryPath { get; init; }

    /// <summary>Where to run when there is no repository.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The variants, baseline first.</summary>
    public required IReadOnlyList<Variant> Variants { get; init; }

    /// <summary>Measured trials per variant.</summary>
    public required int Trials { get; init; }

    /// <summary>Warm-up trials per variant.</summary>
    public required int Warmup { get; init; }

    /// <summary>What the experiment's capacity is spent for; ad hoc unless a tier's runner says otherwise.</summary>
    public Core.Capacity.CapacityTier Tier { get; init; } = Core.Capacity.CapacityTier.AdHoc;

    /// <summary>Seed of the trial order and bootstrap; random when null.</summary>
    public int? Seed { get; init; }
}
