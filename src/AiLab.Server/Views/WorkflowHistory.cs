using AiLab.Core.Experiments;
using AiLab.Core.Verdicts;
using AiLab.Lab.Analysis;

namespace AiLab.Server.Views;

/// <summary>Each workflow's TTFB over its A/B experiments, oldest first: what the home page charts and
/// <c>GET /api/v1/workflows/{name}/history</c> returns.</summary>
public static class WorkflowHistory
{
    /// <summary>Workflow name → its points, oldest first; only A/B experiments with a verdict and a TTFB count.</summary>
    /// <param name="experiments">The experiments.</param>
    /// <param name="branchOf">Each point's branch (see <see cref="ExperimentBranches"/>); none when null.</param>
    public static IReadOnlyDictionary<string, IReadOnlyList<WorkflowPoint>> Build(
        IEnumerable<Experiment> experiments, Func<Experiment, string>? branchOf = null)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        return experiments
            .Where(e => e.Kind == ExperimentKind.AB && e.Verdict is not null)
            .Select(e => (e.Workflow.Name, Point: WithBranch(PointOf(e), e, branchOf)))
            .Where(p => p.Point is not null)
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<WorkflowPoint>)[.. g.Select(p => p.Point!).OrderBy(p => p.CreatedAt).ThenBy(p => p.ExperimentId, StringComparer.Ordinal)],
                StringComparer.Ordinal);
    }

    /// <summary>The point of one experiment, or null when it has no TTFB comparison.</summary>
    public static WorkflowPoint? PointOf(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var verdict = experiment.Verdict;
        var ttfb = verdict?.Metrics.FirstOrDefault(m => m.Name == MetricCatalog.Ttfb);
        if (verdict is null || ttfb is null || !double.IsFinite(ttfb.B.Median)) return null;
        var phases = verdict.Metrics
            .Where(m => MetricCatalog.IsPhase(m.Name) && double.IsFinite(m.B.Median))
            .Select(m => new PhaseValue(m.Name[MetricCatalog.PhasePrefix.Length..], m.B.Median))
            .ToList();
        // Marks after first_batch (e.g. done) are kept by the lab but are not part of TTFB: the stack stops there.
        var end = phases.FindIndex(p => p.Phase == "first_batch");
        if (end >= 0) phases = phases[..(end + 1)];
        return new WorkflowPoint(experiment.Id, experiment.CreatedAt, CommitOf(experiment, 1), CommitOf(experiment, 0),
            verdict.Overall.ToWire(), ttfb.B.Median, phases);
    }

    private static WorkflowPoint? WithBranch(WorkflowPoint? point, Experiment e, Func<Experiment, string>? branchOf) =>
        point is not null && branchOf is not null ? point with { Branch = branchOf(e) } : point;

    private static string CommitOf(Experiment experiment, int index)
    {
        if (experiment.Variants.Count <= index) return "?";
        var variant = experiment.Variants[index];
        return experiment.Commits.GetValueOrDefault(variant.Label) ?? variant.Revision ?? variant.Label;
    }
}
