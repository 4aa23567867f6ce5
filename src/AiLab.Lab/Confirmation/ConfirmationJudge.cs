using System.Globalization;
using AiLab.Core.Verdicts;

namespace AiLab.Lab.Confirmation;

/// <summary>Decides whether a confirming experiment reproduced the original's regression or improvement: the same
/// overall verdict (the same phase-decomposed rule) on fresh trials. The sizes are compared too (the two confidence
/// intervals of the change overlap, or their centres lie within 10% of each other); sizes that differ are reported —
/// the change is real, its size is not stable — but do not undo the verdict: two independent experiments each
/// significant in the same direction are a false alarm with probability about (α/2)², whatever their sizes, and an
/// <c>inconclusive</c> on a change both saw is the failure users meet (a confirming interval [+4.0, +7.1]% missed the
/// original's [+7.2, +10.1]% by 0.1 point under load, and the regression went unreported).
/// A change that is not reproduced is reported as <c>inconclusive</c>, never as the original's verdict.</summary>
public static class ConfirmationJudge
{
    /// <summary>True when <paramref name="verdict"/> asks for confirmation: a regression or an improvement.</summary>
    public static bool Needs(ExperimentVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return verdict.Overall is Verdict.Regression or Verdict.Improvement && verdict.Confirmation is null;
    }

    /// <summary>The original verdict with its confirmation attached and its overall verdict settled.</summary>
    /// <param name="original">The verdict being confirmed (a regression or an improvement).</param>
    /// <param name="confirmingId">The confirming experiment's id.</param>
    /// <param name="confirming">The confirming experiment's own verdict; null when it could not run.</param>
    /// <param name="failure">Why the confirming experiment could not give a verdict (build failed, trials failed, interrupted).</param>
    public static ExperimentVerdict Judge(ExperimentVerdict original, string confirmingId, ExperimentVerdict? confirming, string? failure)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentException.ThrowIfNullOrWhiteSpace(confirmingId);
        if (original.Overall is not (Verdict.Regression or Verdict.Improvement))
            throw new ArgumentException($"only a regression or improvement is confirmed, not {original.Overall.ToWire()}", nameof(original));

        if (confirming is null)
        {
            return Settle(original, new ConfirmationResult
            {
                ExperimentId = confirmingId, Confirmed = false, Original = original.Overall,
                Reason = $"the confirmation run {confirmingId} gave no verdict: {failure ?? "unknown reason"}",
            });
        }

        // Both experiments are judged by the same family rule, so their overall verdicts are compared; their sizes on
        // the metric that decided (the phase, when a phase decided either one: it is measured far more exactly than
        // TTFB, whose imports noise would make two honest estimates of one change look incompatible).
        var metric = DecidingPhase(original) ?? DecidingPhase(confirming) ?? original.PrimaryMetric;
        var first = MetricOrPrimary(original, metric);
        var second = MetricOrPrimary(confirming, metric);
        var ttfb = confirming.Metrics.First(m => m.Name == confirming.PrimaryMetric);
        var result = new ConfirmationResult
        {
            ExperimentId = confirmingId, Confirmed = false,
            Original = original.Overall, Confirming = confirming.Overall,
            ChangePct = confirming.Basis is { TtfbChangePct: var pct } && double.IsFinite(pct) ? pct : ttfb.ChangePct,
            CiPct = confirming.Basis is { TtfbCiPct: var ci } && ci.All(double.IsFinite) ? ci : ttfb.CiPct,
            Reason = "",
        };
        var what = original.Overall.ToWire();
        var (low1, high1, low2, high2, unit) = Intervals(first, second);
        string reason;
        var confirmed = false;
        var on = metric == original.PrimaryMetric ? "" : $" on {metric}";
        if (confirming.Overall == original.Overall)
        {
            var (center1, center2) = ((low1 + high1) / 2, (low2 + high2) / 2);
            var tolerance = SameSizeTolerance * Math.Max(Math.Abs(center1), Math.Abs(center2));
            confirmed = true;
            if ((high1 >= low2 && high2 >= low1) || Math.Abs(center1 - center2) <= tolerance)
            {
                reason = $"fresh trials ({confirmingId}) reproduced the {what}{on}: {Describe(second)} " +
                         $"against {Describe(first)}; the sizes agree";
            }
            else
            {
                var smaller = Math.Abs(center2) < Math.Abs(center1) ? second : first;
                reason = $"fresh trials ({confirmingId}) reproduced the {what}{on} at another size: " +
                         $"CI [{F(low2)}, {F(high2)}]{unit} against [{F(low1)}, {F(high1)}]{unit}; " +
                         $"the change is real but its size is not stable (the smaller, {Describe(smaller)}, " +
                         "is the safer figure to quote)";
            }
        }
        else
        {
            var why = confirming.Basis?.Summary ?? ttfb.Reason;
            reason = $"fresh trials ({confirmingId}) did not reproduce the {what}: " +
                     $"they say {confirming.Overall.ToWire()} ({Describe(ttfb)}; {why})";
        }

        return Settle(original, result with { Confirmed = confirmed, Reason = reason });
    }

    /// <summary>Two estimates of one change whose centres differ by at most this share of the larger still agree,
    /// even when their intervals are too narrow to overlap (a phase's shift measured to a tenth of a
    /// millisecond).</summary>
    public const double SameSizeTolerance = 0.10;

    private static MetricComparison MetricOrPrimary(ExperimentVerdict verdict, string metric) =>
        verdict.Metrics.FirstOrDefault(m => m.Name == metric) ?? verdict.Metrics.First(m => m.Name == verdict.PrimaryMetric);

    private static string? DecidingPhase(ExperimentVerdict verdict) =>
        verdict.Basis?.DecidedBy is { } by && (by.StartsWith("phase:", StringComparison.Ordinal)
                                               || by.StartsWith("phase_cpu:", StringComparison.Ordinal)) ? by : null;

    private static ExperimentVerdict Settle(ExperimentVerdict original, ConfirmationResult result) => original with
    {
        Overall = result.Confirmed ? original.Overall : Verdict.Inconclusive,
        Cause = result.Confirmed ? original.Cause : null,
        Confirmation = result,
    };

    private static (double, double, double, double, string) Intervals(MetricComparison first, MetricComparison second)
    {
        // A phase's relative change (0.2 ms to 120 ms) says little; its shift in ms is what adds to TTFB.
        if (first.Name.StartsWith("phase:", StringComparison.Ordinal)
            || first.Name.StartsWith("phase_cpu:", StringComparison.Ordinal))
            return (first.CiDiff[0], first.CiDiff[1], second.CiDiff[0], second.CiDiff[1], " " + first.Unit);
        // Relative intervals where both have them; a zero baseline leaves only the difference.
        if (first.CiPct.All(double.IsFinite) && second.CiPct.All(double.IsFinite))
            return (first.CiPct[0], first.CiPct[1], second.CiPct[0], second.CiPct[1], "%");
        return (first.CiDiff[0], first.CiDiff[1], second.CiDiff[0], second.CiDiff[1], " " + first.Unit);
    }

    private static string Describe(MetricComparison m) =>
        double.IsFinite(m.ChangePct) && !m.Name.StartsWith("phase:", StringComparison.Ordinal)
                                     && !m.Name.StartsWith("phase_cpu:", StringComparison.Ordinal)
        ? string.Create(CultureInfo.InvariantCulture, $"{m.ChangePct:+0.0;-0.0}% CI [{m.CiPct[0]:+0.0;-0.0}%, {m.CiPct[1]:+0.0;-0.0}%]")
        : string.Create(CultureInfo.InvariantCulture, $"{m.Diff:+0.0;-0.0} {m.Unit}");

    private static string F(double v) => v.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);
}
