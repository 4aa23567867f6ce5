using AiLab.Core.Verdicts;

namespace AiLab.Lab.Analysis;

/// <summary>What <see cref="PhaseDecomposedRule"/> decided: the overall verdict, the metric that decided it, the
/// comparisons with their Holm-adjusted p-values, and the estimated TTFB change.</summary>
/// <param name="Overall">The overall verdict.</param>
/// <param name="DecidedBy">The deciding metric (<c>ttfb</c> or a phase); null when no change was decided.</param>
/// <param name="Metrics">Every comparison, family members with <see cref="MetricComparison.AdjustedP"/> set (TTFB's
/// verdict made inconclusive when it failed its Holm level).</param>
/// <param name="FamilySize">Hypotheses in the Holm family.</param>
/// <param name="Level">The family-wise level.</param>
/// <param name="TtfbChangePct">The estimated TTFB change, percent of A's median.</param>
/// <param name="TtfbCiPct">Its interval.</param>
/// <param name="Summary">Which rule decided and why, in one sentence.</param>
public sealed record FamilyDecision(
    Verdict Overall,
    string? DecidedBy,
    IReadOnlyList<MetricComparison> Metrics,
    int FamilySize,
    double Level,
    double TtfbChangePct,
    double[] TtfbCiPct,
    string Summary);
