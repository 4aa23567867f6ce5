using AiLab.Core.Workflows;
using AiLab.Lab.Analysis;

namespace AiLab.Lab.Release;

/// <summary>What a release run compares: two commits, across every workflow of the suite.</summary>
public sealed record ReleaseRequest
{
    /// <summary>Full sha of the previous release (the baseline).</summary>
    public required string From { get; init; }

    /// <summary>Full sha of the release candidate.</summary>
    public required string To { get; init; }

    /// <summary>The first-parent commits after <see cref="From"/> up to <see cref="To"/>, oldest first (what
    /// bisection searches).</summary>
    public required IReadOnlyList<string> Commits { get; init; }

    /// <summary>The workflows, in suite order.</summary>
    public required IReadOnlyList<WorkflowSpec> Workflows { get; init; }

    /// <summary>The metric whose verdict decides a workflow and is bisected. Default <c>ttfb</c>.</summary>
    public string Metric { get; init; } = MetricCatalog.Ttfb;

    /// <summary>Measured trials per variant when the workflow sets none. Default 10.</summary>
    public int Trials { get; init; } = 10;

    /// <summary>Most trials an inconclusive comparison is repeated with, as a multiple of its first. Default 4.</summary>
    public int MaxTrialsFactor { get; init; } = 4;

    /// <summary>Bisect each workflow's regression or improvement to its culprits. Default false: a release report
    /// costs one experiment per workflow; bisection costs up to ⌈log2(commits)⌉ + 3 per culprit.</summary>
    public bool Bisect { get; init; }

    /// <summary>Independent bisection steps run at the same time. Default 1.</summary>
    public int Jobs { get; init; } = 1;
}
