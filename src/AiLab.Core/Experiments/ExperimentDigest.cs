using AiLab.Core.Capacity;
using AiLab.Core.Metrics;
using AiLab.Core.Verdicts;
using AiLab.Core.Wire;

namespace AiLab.Core.Experiments;

/// <summary>What lists, the home chart and bisections read of an experiment, kept by the store beside the full
/// document and written in the same transaction (schema step 11): a few columns instead of the spec and verdict
/// documents, so a page of them costs no JSON parsing.</summary>
/// <param name="Id">The experiment.</param>
/// <param name="Workflow">Its workflow's name.</param>
/// <param name="Kind">A/B or a plain run.</param>
/// <param name="Tier">What its capacity was spent for.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Status">Its status.</param>
/// <param name="StatusReason">Why it failed or stopped, when it did.</param>
/// <param name="RepositoryPath">The repository its revisions come from.</param>
/// <param name="ConfirmationOf">The experiment it confirms, when it is a confirmation run.</param>
/// <param name="A">The baseline (the first variant), or null when it has none.</param>
/// <param name="B">The candidate (the second variant), or null for a single-variant run.</param>
/// <param name="Commits">Label → full sha, as <see cref="Experiment.Commits"/>.</param>
/// <param name="Verdict">The overall verdict's wire name, or null before a verdict.</param>
/// <param name="BasisSummary">The verdict's decision summary, when it has one.</param>
/// <param name="TtfbMedianB">B's median TTFB (ms), or null when not compared or not finite.</param>
/// <param name="TtfbChangePct">TTFB's change B against A (%), or null when not compared or not finite.</param>
/// <param name="PhasesB">B's finite median per phase (ms, phase names without the prefix), in the verdict's
/// order.</param>
public sealed record ExperimentDigest(
    string Id, string Workflow, ExperimentKind Kind, CapacityTier Tier, DateTimeOffset CreatedAt,
    ExperimentStatus Status, string? StatusReason, string? RepositoryPath, string? ConfirmationOf,
    DigestVariant? A, DigestVariant? B, IReadOnlyDictionary<string, string> Commits, string? Verdict,
    string? BasisSummary, double? TtfbMedianB, double? TtfbChangePct, IReadOnlyList<DigestPhase> PhasesB)
{
    /// <summary>The digest of <paramref name="experiment"/>.</summary>
    public static ExperimentDigest Of(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var verdict = experiment.Verdict;
        var ttfb = verdict?.Metrics.FirstOrDefault(m => m.Name == MetricId.TtfbName);
        var phases = verdict?.Metrics
            .Where(m => m.Name.StartsWith(MetricId.PhasePrefix, StringComparison.Ordinal)
                && double.IsFinite(m.B.Median))
            .Select(m => new DigestPhase(m.Name[MetricId.PhasePrefix.Length..], m.B.Median))
            .ToList() ?? [];
        return new ExperimentDigest(
            experiment.Id, experiment.Workflow.Name, experiment.Kind, experiment.Tier, experiment.CreatedAt,
            experiment.Status, experiment.StatusReason, experiment.RepositoryPath, experiment.ConfirmationOf,
            VariantAt(experiment, 0), VariantAt(experiment, 1), experiment.Commits, verdict?.Overall.ToWire(),
            verdict?.Basis?.Summary, Finite(ttfb?.B.Median), Finite(ttfb?.ChangePct), phases);
    }

    /// <summary>The status's wire name (<c>completed</c>, ...).</summary>
    public string StatusName => WireNames.Of(Status);

    private static DigestVariant? VariantAt(Experiment experiment, int index) =>
        experiment.Variants.Count > index
            ? new DigestVariant(experiment.Variants[index].Label, experiment.Variants[index].Revision)
            : null;

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
