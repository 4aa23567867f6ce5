using AiLab.Core.Workflows;

namespace AiLab.Core.Calibrations;

/// <summary>A workflow's measured noise: A/A experiments of one revision on one machine, pooled per metric, with the
/// threshold chosen from them for a false-positive budget. Verdicts name the calibration they used.</summary>
public sealed record Calibration
{
    /// <summary>Stable identifier, e.g. <c>cal-20261123-121500-3f2a</c>.</summary>
    public required string Id { get; init; }

    /// <summary>What the calibration applies to (see <see cref="WorkflowKeys"/>): same command, directory, environment.</summary>
    public required string WorkflowKey { get; init; }

    /// <summary>The workflow that was run.</summary>
    public required WorkflowSpec Workflow { get; init; }

    /// <summary>The repository, or null for a workflow run in a directory as it is.</summary>
    public string? RepositoryPath { get; init; }

    /// <summary>The revision that was run on both sides, and the commit it resolved to.</summary>
    public string? Revision { get; init; }

    /// <summary>The commit <see cref="Revision"/> resolved to.</summary>
    public string? Commit { get; init; }

    /// <summary>When the calibration finished.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The machine it was measured on; another machine's noise is not this one's.</summary>
    public required MachineFingerprint Machine { get; init; }

    /// <summary>The A/A experiments whose trials were pooled.</summary>
    public required IReadOnlyList<string> ExperimentIds { get; init; }

    /// <summary>Trials per variant the threshold was chosen for.</summary>
    public required int TrialsPerVariant { get; init; }

    /// <summary>The false-positive budget as the owner stated it, e.g. "1 false alarm per 1000 experiments".</summary>
    public required string Budget { get; init; }

    /// <summary>The per-experiment false-positive rate the budget allows.</summary>
    public required double BudgetRate { get; init; }

    /// <summary>How many of the A/A experiments the default rules (without calibration) called a change.</summary>
    public required int DefaultFalseAlarms { get; init; }

    /// <summary>Per metric: the pooled values, their noise profile, and (for the primary metric) the threshold.</summary>
    public required IReadOnlyList<MetricCalibration> Metrics { get; init; }
}
