using AiLab.Core.Verdicts;
using AiLab.Core.Workflows;
using AiLab.Lab.Bisection;

namespace AiLab.Lab.Release;

/// <summary>One workflow's part of the release report.</summary>
public sealed record WorkflowRelease
{
    /// <summary>The workflow.</summary>
    public required WorkflowSpec Workflow { get; init; }

    /// <summary>The decisive comparison of the two releases (after any repeats), or the failed one.</summary>
    public RevisionComparison? Comparison { get; init; }

    /// <summary>The metric's verdict; <c>inconclusive</c> when the comparison failed or never settled.</summary>
    public Verdict Verdict { get; init; } = Verdict.Inconclusive;

    /// <summary>The phases that moved (regression or improvement), largest change first.</summary>
    public IReadOnlyList<MetricComparison> PhasesMoved { get; init; } = [];

    /// <summary>Experiments run for the release comparison itself (repeats included).</summary>
    public int Experiments { get; init; }

    /// <summary>Trials run for it.</summary>
    public int Trials { get; init; }

    /// <summary>The bisection of the change, when asked for and there was a change.</summary>
    public BisectResult? Bisection { get; init; }

    /// <summary>Why the workflow has no verdict: a release that cannot be built or run.</summary>
    public string? Failure { get; init; }
}
