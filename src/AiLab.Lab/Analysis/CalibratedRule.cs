using System.Globalization;
using AiLab.Core.Verdicts;
using AiLab.Core.Wire;
using AiLab.Lab.Calibrations;
using AiLab.Stats.Calibration;
using AiLab.Stats.Estimators;

namespace AiLab.Lab.Analysis;

/// <summary>Decides the primary metric with a calibration's ROC-selected detector and threshold instead of the fixed
/// α, and says so. The threshold holds the owner's false-positive budget on this workflow's measured noise; the
/// minimum practical effect and the equivalence margin still apply.</summary>
public static class CalibratedRule
{
    /// <summary>The comparison re-decided with the calibration, and the basis of the decision; or, when this
    /// experiment's own noise is far above the calibration's (the calibration no longer describes it), the
    /// comparison unchanged and a basis that says why the calibration was set aside.</summary>
    public static (MetricComparison Comparison, DecisionBasis Basis) Apply(
        MetricComparison comparison, IReadOnlyList<double> a, IReadOnlyList<double> b, VerdictPolicy policy, AppliedCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(calibration);
        var selection = calibration.Selection;
        var noise = OwnLogMadSd(a, b);
        if (double.IsFinite(noise) && noise > calibration.MaxNoiseRatio * calibration.LogMadSd)
        {
            var note = string.Create(CultureInfo.InvariantCulture,
                $"this experiment's noise (robust sd of log TTFB {noise:0.0000}) is " +
                $"{noise / calibration.LogMadSd:0.0}x calibration {calibration.CalibrationId}'s " +
                $"({calibration.LogMadSd:0.0000}): the workflow's noise changed, so the calibration was set aside; " +
                $"recalibrate with 'ailab calibrate'");
            return (comparison, DefaultRule.Basis(comparison, a.Count, b.Count, policy, note));
        }

        var decision = selection.Decide(a, b);
        var test = TestOf(decision.Detector);
        var source = string.Create(CultureInfo.InvariantCulture,
            $"calibration {calibration.CalibrationId}: ROC over its A/A null and injected shifts, operating point " +
            $"FPR {selection.Fpr:0.####} (budget {calibration.Budget}), detection {selection.Tpr:P0} at a " +
            $"{selection.DesignShift:P0} shift with {selection.PerSide} trials per variant " +
            $"({WireNames.Of(selection.Source)} null tail)");
        var relative = double.IsFinite(comparison.ChangePct);
        var practical = policy.IsMaterial(relative ? comparison.ChangePct : double.NaN, comparison.Diff, comparison.Unit);
        var margin = policy.EquivalenceMarginPct;
        var stat = string.Create(CultureInfo.InvariantCulture, $"{test} = {decision.Statistic:0.###} vs threshold ±{decision.Threshold:0.###}");
        Verdict verdict;
        string reason;
        if (decision.Alarm && practical)
        {
            verdict = decision.Direction > 0 ? Verdict.Regression : Verdict.Improvement;
            reason = string.Create(CultureInfo.InvariantCulture, $"calibrated {stat}: beyond it; median change " +
                $"{comparison.ChangePct:0.##}% CI [{comparison.CiPct[0]:0.##}%, {comparison.CiPct[1]:0.##}%], above " +
                $"the minimum effect ({policy.MinEffectText})");
        }
        else if (decision.Alarm)
        {
            verdict = Verdict.NoChange;
            reason = string.Create(CultureInfo.InvariantCulture, $"calibrated {stat}: beyond it, but the change " +
                $"({comparison.ChangePct:0.##}%, {comparison.Diff:0.#} {comparison.Unit}) is below the minimum effect");
        }
        else if (relative && comparison.CiPct[0] >= -margin && comparison.CiPct[1] <= margin)
        {
            verdict = Verdict.NoChange;
            reason = string.Create(CultureInfo.InvariantCulture, $"calibrated {stat}: within it; CI " +
                $"[{comparison.CiPct[0]:0.##}%, {comparison.CiPct[1]:0.##}%] lies within ±{margin:0.##}%");
        }
        else
        {
            verdict = Verdict.Inconclusive;
            reason = string.Create(CultureInfo.InvariantCulture, $"calibrated {stat}: within it, but CI " +
                $"[{comparison.CiPct[0]:0.##}%, {comparison.CiPct[1]:0.##}%] cannot rule out a change of " +
                $"±{margin:0.##}%; add trials");
        }

        var basis = new DecisionBasis
        {
            Test = test, Statistic = decision.Statistic, Threshold = decision.Threshold, PValue = comparison.PValue,
            ThresholdSource = source, CalibrationId = calibration.CalibrationId,
            OperatingFpr = selection.Fpr, OperatingTpr = selection.Tpr, DesignShiftPct = selection.DesignShift * 100,
            MinDetectableEffectPct = selection.MinDetectableShift90 * 100,
            TrialsA = a.Count, TrialsB = b.Count,
        };
        return (comparison with { Verdict = verdict, Reason = reason }, basis);
    }

    /// <summary>The wire name of a detector: its name in snake_case (<c>welch_log_t</c>, <c>mann_whitney_z</c>, ...).</summary>
    public static string DetectorName(Detector detector) => WireNames.Of(detector);

    /// <summary>The decision test a calibrated <paramref name="detector"/> stands for.</summary>
    public static DecisionTest TestOf(Detector detector) => detector switch
    {
        Detector.WelchLogT => DecisionTest.WelchLogT,
        Detector.MannWhitneyZ => DecisionTest.MannWhitneyZ,
        Detector.MedianRatioZ => DecisionTest.MedianRatioZ,
        _ => throw new ArgumentOutOfRangeException(nameof(detector), detector, "no decision test for this detector"),
    };

    /// <summary>Pooled within-variant robust sd of log values (MAD × 1.4826), so a real A/B shift does not count as noise.</summary>
    private static double OwnLogMadSd(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count < 3 || b.Count < 3 || a.Concat(b).Any(v => v <= 0)) return double.NaN;
        static IEnumerable<double> Residuals(IReadOnlyList<double> x)
        {
            var logs = x.Select(v => Math.Log(v)).ToArray();
            var median = Descriptive.Median(logs);
            return logs.Select(v => Math.Abs(v - median));
        }

        return 1.4826 * Descriptive.Median(Residuals(a).Concat(Residuals(b)).ToArray());
    }
}
