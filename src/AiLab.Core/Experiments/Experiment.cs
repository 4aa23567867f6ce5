using AiLab.Core.Variants;
using AiLab.Core.Verdicts;
using AiLab.Core.Workflows;

namespace AiLab.Core.Experiments;

/// <summary>An A/B comparison (or a plain run): what was asked, how trials are scheduled, and what was concluded.</summary>
public sealed record Experiment
{
    /// <summary>Stable identifier, e.g. <c>ab-20261123-091500-3f2a</c>.</summary>
    public required string Id { get; init; }

    /// <summary>A/B or a plain run.</summary>
    public required ExperimentKind Kind { get; init; }

    /// <summary>What the experiment's capacity is spent for (change, release, bisection, calibration, ad hoc).</summary>
    public Capacity.CapacityTier Tier { get; init; } = Capacity.CapacityTier.AdHoc;

    /// <summary>When the experiment was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The workflow every trial runs.</summary>
    public required WorkflowSpec Workflow { get; init; }

    /// <summary>Absolute path of the git repository the variants' revisions come from; null to run in <see cref="WorkingDirectory"/> as it is.</summary>
    public string? RepositoryPath { get; init; }

    /// <summary>Where trials run when there is no repository.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The variants, baseline first.</summary>
    public required IReadOnlyList<Variant> Variants { get; init; }

    /// <summary>The commit each variant's revision resolved to when the experiment was created (label → full sha).</summary>
    public IReadOnlyDictionary<string, string> Commits { get; init; } = new Dictionary<string, string>();

    /// <summary>Measured trials per variant.</summary>
    public required int TrialsPerVariant { get; init; }

    /// <summary>Warm-up trials per variant, run first and discarded from the statistics.</summary>
    public required int WarmupPerVariant { get; init; }

    /// <summary>Seed of the trial order and of the bootstrap, so a rerun or a resume makes the same choices.</summary>
    public required int Seed { get; init; }

    /// <summary>When set, trials are added look by look and the experiment stops as soon as the answer is clear;
    /// <see cref="TrialsPerVariant"/> is then the cap (the last look).</summary>
    public SequentialPlan? Sequential { get; init; }

    /// <summary>The CPUs the trials were pinned to, who chose them and why; null for experiments stored before
    /// pinning was recorded.</summary>
    public Machine.CpuPinning? Pinning { get; init; }

    /// <summary>When set, the default trial count is the first look of a group-sequential design that adds trials
    /// while the verdict is inconclusive and more trials would decide; <see cref="TrialsPerVariant"/> is then the
    /// current look.</summary>
    public ExtensionPlan? Extension { get; init; }

    /// <summary>The experiment this one confirms (fresh trials of the same variants), or null.</summary>
    public string? ConfirmationOf { get; init; }

    /// <summary>True to build every variant in a fresh worktree of its own instead of reusing the build cache's
    /// entry, so that a confirmation does not share a checkout or a build with the experiment it confirms.</summary>
    public bool FreshBuilds { get; init; }

    /// <summary>Where the experiment is in its life.</summary>
    public ExperimentStatus Status { get; init; } = ExperimentStatus.Running;

    /// <summary>Names (never values) of the caller's variables the workflow's <see cref="WorkflowSpec.EnvPolicy"/>
    /// kept from the trials when the experiment was created.</summary>
    public IReadOnlyList<string> WithheldEnvironment { get; init; } = [];

    /// <summary>Why the experiment failed, when it did.</summary>
    public string? StatusReason { get; init; }

    /// <summary>The verdict, once computed.</summary>
    public ExperimentVerdict? Verdict { get; init; }

    /// <summary>The profile diff of the two variants' extra, profiled trials (never the measured ones), when one was
    /// run for this experiment; null otherwise (and for experiments stored before profiles were kept).</summary>
    public ExperimentProfile? Profile { get; init; }
}
