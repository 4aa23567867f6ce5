using AiLab.Core.Experiments;

namespace AiLab.Server.Views;

/// <summary>Each workflow's TTFB over its A/B experiments, oldest first: what the home page charts and
/// <c>GET /api/v1/workflows/{name}/history</c> returns. Built from the stored digests (schema step 11), not the full
/// documents.</summary>
public static class WorkflowHistory
{
    /// <summary>Workflow name → its points, oldest first; only A/B experiments with a verdict and a TTFB count.</summary>
    /// <param name="experiments">The experiments' digests.</param>
    /// <param name="branchOf">Each point's branch (see <see cref="ExperimentBranches"/>); none when null.</param>
    public static IReadOnlyDictionary<string, IReadOnlyList<WorkflowPoint>> Build(
        IEnumerable<ExperimentDigest> experiments, Func<ExperimentDigest, string>? branchOf = null)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        return experiments
            .Select(e => (e.Workflow, Point: WithBranch(PointOf(e), e, branchOf)))
            .Where(p => p.Point is not null)
            .GroupBy(p => p.Workflow, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<WorkflowPoint>)[.. g.Select(p => p.Point!).OrderBy(p => p.CreatedAt)
                    .ThenBy(p => p.ExperimentId, StringComparer.Ordinal)],
                StringComparer.Ordinal);
    }

    /// <summary>The point of one experiment, or null when it is not an A/B experiment with a verdict and a TTFB
    /// comparison.</summary>
    public static WorkflowPoint? PointOf(ExperimentDigest experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        if (experiment.Kind != ExperimentKind.AB || experiment.Verdict is not { } verdict
            || experiment.TtfbMedianB is not { } ttfb)
            return null;
        var phases = experiment.PhasesB.Select(p => new PhaseValue(p.Phase, p.Ms)).ToList();
        // Marks after first_batch (e.g. done) are kept by the lab but are not part of TTFB: the stack stops there.
        var end = phases.FindIndex(p => p.Phase == "first_batch");
        if (end >= 0) phases = phases[..(end + 1)];
        return new WorkflowPoint(experiment.Id, experiment.CreatedAt, CommitOf(experiment, experiment.B),
            CommitOf(experiment, experiment.A), verdict, ttfb, phases);
    }

    private static WorkflowPoint? WithBranch(
        WorkflowPoint? point, ExperimentDigest e, Func<ExperimentDigest, string>? branchOf) =>
        point is not null && branchOf is not null ? point with { Branch = branchOf(e) } : point;

    private static string CommitOf(ExperimentDigest experiment, DigestVariant? variant) =>
        variant is null ? "?" : experiment.Commits.GetValueOrDefault(variant.Label) ?? variant.Revision ?? variant.Label;
}
