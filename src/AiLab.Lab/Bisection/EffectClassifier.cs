using AiLab.Core.Verdicts;

namespace AiLab.Lab.Bisection;

/// <summary>Reads a comparison's metric as bisection needs it: did the step we are looking for happen between these
/// two commits — none of it, all of it, part of it — or can the trials not tell yet?</summary>
/// <remarks>
/// Significance comes from the lab's own verdict (Welch on logs, Mann–Whitney agreeing, a practical minimum effect,
/// and the Holm level of the family of TTFB and its phases — with the CPU times of CPU-bound phases, read through
/// <see cref="AsJudged"/>).
/// The step's size then gives the scale the rest is judged on: a change is "all" of the step when its interval
/// overlaps the step's or lies within <see cref="SameStepTolerance"/> of it, and "part" otherwise; a change that is
/// not significant counts as "none" only when its interval rules out half the step, so that a noisy probe never
/// passes for a quiet one. This is what makes the search noise-aware: an interval too wide to place the step makes
/// the step inconclusive, and it is repeated with more trials.
/// </remarks>
public static class EffectClassifier
{
    /// <summary>Two measurements of one step may differ by this fraction of it and still count as the same step.</summary>
    public const double SameStepTolerance = 0.10;

    /// <summary>A significant change smaller than this fraction of the step is below the search's resolution.</summary>
    public const double Resolution = 0.10;

    /// <summary>With no step known yet (the whole range, or the rest of a range beside a culprit found): is there a
    /// change at all? <paramref name="scale"/> is the size of the step around it (0 for the whole range: then only the
    /// lab's verdict decides).</summary>
    public static Reading Detect(MetricComparison? metric, double scale)
    {
        if (metric is null) return Reading.Inconclusive;
        var significant = Significant(metric);
        if (significant) return scale > 0 && Math.Abs(metric.Diff) <= Resolution * scale ? Reading.None : Reading.All;
        if (metric.Verdict == Verdict.NoChange) return Reading.None;
        return scale > 0 && WithinHalf(Effect.Of(metric), scale) ? Reading.None : Reading.Inconclusive;
    }

    /// <summary>Where the probe stands relative to <paramref name="step"/>, the change measured over the segment whose
    /// known-good end is the probe's base.</summary>
    public static Reading Locate(MetricComparison? metric, Effect step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (metric is null) return Reading.Inconclusive;
        var size = Math.Abs(step.Diff);
        var effect = Effect.Of(metric);
        if (Significant(metric))
        {
            if (Math.Abs(effect.Diff) <= Resolution * size) return Reading.None;
            if (Math.Sign(effect.Diff) != Math.Sign(step.Diff)) return Reading.Part;
            return effect.Overlaps(step) || Math.Abs(effect.Diff - step.Diff) <= SameStepTolerance * size ? Reading.All : Reading.Part;
        }

        if (metric.Verdict == Verdict.NoChange) return Reading.None;
        return WithinHalf(effect, size) ? Reading.None : Reading.Inconclusive;
    }

    /// <summary>A change the lab's verdict calls significant, and — for a phase — one that also passes its Holm level
    /// in the comparison's family (<see cref="Analysis.PhaseDecomposedRule"/>), so that a step is settled by the same
    /// test that lets a phase decide a verdict. A phase significant at α but not at its Holm level is read as a change
    /// the trials cannot place yet: its interval decides between "none" and "inconclusive".</summary>
    private static bool Significant(MetricComparison metric) =>
        metric.Verdict is Verdict.Regression or Verdict.Improvement &&
        !(metric.AdjustedP > Analysis.VerdictPolicy.Default.Alpha);

    /// <summary><paramref name="comparison"/>'s <paramref name="metric"/> as the A/B verdict counts it. A phase's CPU
    /// time (<c>phase_cpu:</c>) counts only where <see cref="Analysis.PhaseDecomposedRule"/> lets it: when its phase
    /// was CPU-bound in this comparison (<see cref="Analysis.CpuBoundPhases"/>; its metric then carries a Holm-adjusted
    /// p-value in the family) and the wall-clock phase's own interval does not contradict it (a sleep swapped for a
    /// busy loop moves CPU but not wall time: no regression). Otherwise its change is read as one the trials cannot
    /// place (inconclusive), so that bisection blames no commit on a CPU shift the verdict would not call. Other
    /// metrics are returned as they are.</summary>
    public static MetricComparison? AsJudged(RevisionComparison comparison, string metric)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var found = comparison.Metric(metric);
        if (found is null || !Analysis.MetricCatalog.IsPhaseCpu(metric)) return found;
        return CountsAsCpu(found, comparison.Metric(Analysis.MetricCatalog.WallOf(metric)))
            ? found
            : found with { Verdict = Verdict.Inconclusive };
    }

    /// <summary>Whether a <c>phase_cpu:</c> comparison joined the verdict's Holm family and its wall phase
    /// <paramref name="wall"/> does not contradict its direction (for a regression, the wall interval's upper bound
    /// reaches the CPU interval's lower bound; mirrored for an improvement).</summary>
    public static bool CountsAsCpu(MetricComparison cpu, MetricComparison? wall)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        if (double.IsNaN(cpu.AdjustedP) || wall is null) return false;
        return cpu.Diff > 0 ? !(wall.CiDiff[1] < cpu.CiDiff[0]) : !(wall.CiDiff[0] > cpu.CiDiff[1]);
    }

    private static bool WithinHalf(Effect effect, double size) =>
        !double.IsNaN(effect.Low) && !double.IsNaN(effect.High) && Math.Abs(effect.Low) < size / 2 && Math.Abs(effect.High) < size / 2;
}
