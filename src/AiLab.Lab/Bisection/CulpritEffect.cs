using AiLab.Core.Verdicts;

namespace AiLab.Lab.Bisection;

/// <summary>One metric a culprit moved, as its own A/B experiment measured it (its parent, or the nearest commit
/// before it that runs, against it).</summary>
/// <param name="Metric">The metric bisected: <c>phase:config_validation</c>, or <c>ttfb</c> when no phase moved.</param>
/// <param name="Comparison">That metric's comparison in the culprit's experiment.</param>
/// <param name="BaseCommit">The commit the culprit was compared against.</param>
/// <param name="ExperimentId">The experiment (<c>ailab show ID</c>).</param>
public sealed record CulpritEffect(string Metric, MetricComparison Comparison, string BaseCommit, string? ExperimentId)
{
    /// <summary>Regression or improvement: the direction of the change.</summary>
    public Verdict Direction => Comparison.Diff > 0 ? Verdict.Regression : Verdict.Improvement;
}
