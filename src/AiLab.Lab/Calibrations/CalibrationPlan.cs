using AiLab.Core.Variants;
using AiLab.Core.Workflows;

namespace AiLab.Lab.Calibrations;

/// <summary>What <c>ailab calibrate</c> was asked for.</summary>
public sealed record CalibrationPlan
{
    /// <summary>The workflow to calibrate.</summary>
    public required WorkflowSpec Workflow { get; init; }

    /// <summary>The repository, or null to run the working directory as it is.</summary>
    public string? RepositoryPath { get; init; }

    /// <summary>Where to run when there is no repository.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The one variant both sides of every A/A experiment run.</summary>
    public required Variant Variant { get; init; }

    /// <summary>A/A experiments to run. Default 4.</summary>
    public int Experiments { get; init; } = 4;

    /// <summary>Trials per variant of each A/A experiment, and of the experiments the threshold is chosen for.</summary>
    public int TrialsPerVariant { get; init; } = 10;

    /// <summary>Warm-up trials per variant of each A/A experiment.</summary>
    public int Warmup { get; init; } = 1;

    /// <summary>The false-positive budget per experiment, e.g. 0.001.</summary>
    public required double BudgetRate { get; init; }

    /// <summary>The budget in the owner's words.</summary>
    public required string Budget { get; init; }

    /// <summary>Seed of trial orders and pseudo-experiments; random when null.</summary>
    public int? Seed { get; init; }
}
