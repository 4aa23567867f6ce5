using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.Core.Verdicts;
using AiLab.Lab.Analysis;
using AiLab.Stats.Distributions;

namespace AiLab.Lab.Experiments;

/// <summary>Decides whether an inconclusive look of the default design is worth extending: only when the noise measured
/// so far says the interval at the cap would be narrow enough to decide — narrower than the equivalence margin (so a no
/// change is within reach), or narrow enough to exclude zero at the observed change at the last look's nominal level.
/// Noise so high that neither is in reach stops at once with advice instead of spending trials. The projection assumes
/// the interval narrows as 1/√n (the standard error), and, for a comparison paired by block (a Student t interval on
/// k − 1 degrees of freedom), also as its t quantile shrinks with the blocks the cap adds (95%: 2.26 at 10 blocks, 2.05
/// at 30). It only chooses whether to spend trials, never the verdict: stopping early is the design's non-binding
/// futility stop, and extending every time holds the overall α by the design itself (ExtensionDesignTests simulate
/// that worst case), so a wrong projection costs time, not error rate.</summary>
public static class ExtensionJudge
{
    /// <summary>The decision for a look.</summary>
    /// <param name="Extend">True to run the next look.</param>
    /// <param name="NextTrials">Trials per variant of the next look, when extending.</param>
    /// <param name="Reason">Why, for the verdict's notes.</param>
    public sealed record Decision(bool Extend, int NextTrials, string Reason);

    /// <summary>What to do after look <paramref name="look"/> of <paramref name="plan"/> gave <paramref
    /// name="verdict"/>.</summary>
    public static Decision Judge(ExtensionPlan plan, int look, ExperimentVerdict verdict, VerdictPolicy policy, bool anyTrialFailed)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(policy);
        var n = plan.Looks[look];
        if (verdict.Overall != Verdict.Inconclusive) return new Decision(false, n, "decided");
        if (anyTrialFailed) return new Decision(false, n, $"inconclusive at {n} trials per variant; not extended because trials failed");
        if (look + 1 >= plan.Looks.Count)
            return new Decision(false, n, $"inconclusive at the cap of {n} trials per variant (the default design's last look); "
                + "see ailab doctor for this machine's noise");
        var primary = verdict.Metrics.FirstOrDefault(m => m.Name == verdict.PrimaryMetric);
        if (primary is null || primary.CiPct.Length != 2 || !primary.CiPct.All(double.IsFinite) || !double.IsFinite(primary.ChangePct))
            return new Decision(false, n, $"inconclusive at {n} trials per variant with no interval to project; not extended");

        var cap = plan.Looks[^1];
        var halfWidth = (primary.CiPct[1] - primary.CiPct[0]) / 2;
        var atCap = halfWidth * Math.Sqrt(n / (double)cap)
                    * QuantileShrink(primary.PairedBlocks, n, cap, policy.Confidence);
        var change = Math.Abs(primary.ChangePct);
        // The look's decision is at its nominal level, stricter than the 95% interval's.
        var stricter = NormalDistribution.Quantile(1 - (plan.NominalAlphas[^1] / 2)) / NormalDistribution.Quantile(1 - ((1 - policy.Confidence) / 2));
        // No change is within reach when the cap's interval, centred on a change near zero, fits inside the margin;
        // a change is within reach when the observed one would clear the cap's interval at the nominal level.
        var canShowNoChange = atCap < policy.EquivalenceMarginPct;
        var canShowChange = policy.IsMaterial(primary.ChangePct, primary.Diff, primary.Unit)
                            && atCap * stricter < change;
        var projection = string.Create(CultureInfo.InvariantCulture,
            $"{primary.Name} {primary.ChangePct:+0.0;-0.0}% with a 95% interval ±{halfWidth:0.0}% at {n} per variant, "
            + $"±{atCap:0.0}% projected at the cap of {cap}");
        if (!canShowNoChange && !canShowChange)
        {
            return new Decision(false, n, $"inconclusive at {n} trials per variant; not extended: {projection} would still not decide " +
                $"(no change needs it inside ±{policy.EquivalenceMarginPct.ToString(CultureInfo.InvariantCulture)}%); "
                + "the noise is too high here, see ailab doctor");
        }

        var next = plan.Looks[look + 1];
        var aim = canShowChange ? "a change" : "no change";
        return new Decision(true, next, string.Create(CultureInfo.InvariantCulture,
            $"extended from {n} to {next} trials per variant: inconclusive at {n}, and {projection} could show {aim} " +
            $"(default design: looks at {string.Join(", ", plan.Looks)}, {plan.Spending} α-spending, "
            + $"nominal α {plan.NominalAlphas[look + 1]:0.####} at this look, overall α {plan.Alpha})"));
    }

    /// <summary>How much narrower the paired t interval's quantile is at the cap than now: t(k_cap − 1) / t(k − 1),
    /// with the blocks growing in proportion to the trials. 1 for an unpaired comparison, whose interval is a
    /// bootstrap percentile interval with no quantile to shrink.</summary>
    private static double QuantileShrink(int? blocks, int n, int cap, double confidence)
    {
        if (blocks is not { } k || k < 2 || n <= 0) return 1;
        var kAtCap = Math.Max(k, (int)Math.Round(k * (double)cap / n));
        var p = 1 - ((1 - confidence) / 2);
        return StudentTDistribution.Quantile(p, kAtCap - 1) / StudentTDistribution.Quantile(p, k - 1);
    }
}
