using System.Globalization;
using AiLab.Core.Verdicts;
using AiLab.Execution.Git;
using AiLab.Lab.Analysis;

namespace AiLab.Lab.Bisection;

/// <summary>A commit found to change the bisected metric, with the evidence: its own experiment's effects.</summary>
public sealed record Culprit
{
    /// <summary>Full sha.</summary>
    public required string Commit { get; init; }

    /// <summary>1-based position in the range (1 = the commit right after good).</summary>
    public required int Position { get; init; }

    /// <summary>Author, date and subject; null when the history could not say.</summary>
    public CommitInfo? Info { get; init; }

    /// <summary>Files and lines changed against the first parent; null when unknown.</summary>
    public DiffStat? DiffStat { get; init; }

    /// <summary>The metric bisected (<c>ttfb</c>).</summary>
    public required string Metric { get; init; }

    /// <summary>The effect that names the culprit: the phase that moved most (or the metric itself).</summary>
    public required CulpritEffect Main { get; init; }

    /// <summary>Every bisected metric this commit moved, <see cref="Main"/> first.</summary>
    public required IReadOnlyList<CulpritEffect> Effects { get; init; }

    /// <summary>The bisected metric as the culprit's experiment measured it (TTFB's change and interval); null when
    /// that experiment lacks it.</summary>
    public MetricComparison? MetricComparison { get; init; }

    /// <summary>The phase that moved (<c>config_validation</c>), in wall time or — for a CPU-bound phase on a busy
    /// machine — in CPU time (<c>phase_cpu:</c>); null when the change is not in a marked phase.</summary>
    public string? Phase => MetricCatalog.IsPhase(Main.Metric) ? Main.Metric[MetricCatalog.PhasePrefix.Length..]
        : MetricCatalog.IsPhaseCpu(Main.Metric) ? Main.Metric[MetricCatalog.PhaseCpuPrefix.Length..] : null;

    /// <summary>Regression or improvement.</summary>
    public Verdict Direction => Main.Direction;

    /// <summary>The one-line finding: <c>config_validation got 100.2 ms slower in 3f2a1b9c0d1e</c>.</summary>
    public string Summary
    {
        get
        {
            var what = Phase ?? Main.Metric;
            var amount = Math.Abs(Main.Comparison.Diff);
            var unit = Main.Comparison.Unit;
            var way = Main.Comparison.Diff > 0 ? (unit.IsTime ? "slower" : "larger") : (unit.IsTime ? "faster" : "smaller");
            if (MetricCatalog.IsPhaseCpu(Main.Metric))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"{what} used {amount:0.#} {unit} {(Main.Comparison.Diff > 0 ? "more" : "less")} CPU in " +
                    $"{Commit[..Math.Min(12, Commit.Length)]}");
            }

            return string.Create(CultureInfo.InvariantCulture, $"{what} got {amount:0.#} {unit} {way} in {Commit[..Math.Min(12, Commit.Length)]}");
        }
    }
}
