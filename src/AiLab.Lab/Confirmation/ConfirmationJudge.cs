using System.Globalization;
using AiLab.Core.Verdicts;

namespace AiLab.Lab.Confirmation;

/// <summary>Decides whether a confirming experiment reproduced the original's regression or improvement: the same
/// direction, significant on its own, and a compatible size (the two confidence intervals of the change overlap).
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

        var metric = original.PrimaryMetric;
        var first = original.Metrics.First(m => m.Name == metric);
        if (confirming is null)
        {
            return Settle(original, new ConfirmationResult
            {
                ExperimentId = confirmingId, Confirmed = false, Original = original.Overall,
                Reason = $"the confirmation run {confirmingId} gave no verdict: {failure ?? "unknown reason"}",
            });
        }

        var second = confirming.Metrics.First(m => m.Name == metric);
        var result = new ConfirmationResult
        {
            ExperimentId = confirmingId, Confirmed = false, Original = original.Overall, Confirming = second.Verdict,
            ChangePct = second.ChangePct, CiPct = second.CiPct,
            Reason = "",
        };
        var what = original.Overall.ToWire();
        var (low1, high1, low2, high2, unit) = Intervals(first, second);
        string reason;
        var confirmed = false;
        if (second.Verdict == original.Overall)
        {
            if (high1 >= low2 && high2 >= low1)
            {
                confirmed = true;
                reason = $"fresh trials ({confirmingId}) reproduced the {what}: {Describe(second)} against {Describe(first)}; the intervals overlap";
            }
            else
            {
                reason = $"fresh trials ({confirmingId}) show a {what} of an incompatible size: CI [{F(low2)}, {F(high2)}]{unit} " +
                         $"against [{F(low1)}, {F(high1)}]{unit}; the effect is not stable, so neither is reported";
            }
        }
        else
        {
            reason = $"fresh trials ({confirmingId}) did not reproduce the {what}: they say {second.Verdict.ToWire()} ({Describe(second)}; {second.Reason})";
        }

        return Settle(original, result with { Confirmed = confirmed, Reason = reason });
    }

    private static ExperimentVerdict Settle(ExperimentVerdict original, ConfirmationResult result) => original with
    {
        Overall = result.Confirmed ? original.Overall : Verdict.Inconclusive,
        Cause = result.Confirmed ? original.Cause : null,
        Confirmation = result,
    };

    private static (double, double, double, double, string) Intervals(MetricComparison first, MetricComparison second)
    {
        // Relative intervals where both have them; a zero baseline leaves only the difference.
        if (first.CiPct.All(double.IsFinite) && second.CiPct.All(double.IsFinite))
            return (first.CiPct[0], first.CiPct[1], second.CiPct[0], second.CiPct[1], "%");
        return (first.CiDiff[0], first.CiDiff[1], second.CiDiff[0], second.CiDiff[1], " " + first.Unit);
    }

    private static string Describe(MetricComparison m) => double.IsFinite(m.ChangePct)
        ? string.Create(CultureInfo.InvariantCulture, $"{m.ChangePct:+0.0;-0.0}% CI [{m.CiPct[0]:+0.0;-0.0}%, {m.CiPct[1]:+0.0;-0.0}%]")
        : string.Create(CultureInfo.InvariantCulture, $"{m.Diff:+0.0;-0.0} {m.Unit}");

    private static string F(double v) => v.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);
}
