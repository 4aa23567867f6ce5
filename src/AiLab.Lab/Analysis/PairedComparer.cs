using System.Globalization;
using AiLab.Core.Verdicts;
using AiLab.Stats.Estimators;
using AiLab.Stats.Paired;

namespace AiLab.Lab.Analysis;

/// <summary>Compares one metric between baseline and candidate trials that ran side by side in blocks, paired by
/// block.</summary>
/// <remarks>
/// When A and B of a block start together they share a noise: through Slurm both wait for the same pass of the
/// scheduler (0–1 s on a TTFB of ~0.7 s), and their queue phases correlate 0.98–1.00 (docs/slurm.md). Treated as
/// independent samples that shared noise is counted twice; the per-block log ratio log(B) − log(A) cancels it. The
/// test is Student's paired t-test on those log ratios ("Student" 1908; the paired design as in Snedecor &amp;
/// Cochran, Statistical Methods, 8th ed., §5.9), checked by the Wilcoxon signed-rank test (Wilcoxon 1945) on the same
/// differences, as Mann–Whitney checks Welch for independent samples. The effect is the geometric-mean ratio
/// exp(mean log ratio) with its t interval exp(mean ± t·se); in ms it is that ratio applied to A's median. Values
/// that are not all positive (a phase of 0 ms) are compared on their raw differences. The α, minimum-effect and
/// equivalence margin rules are those of <see cref="MetricComparer"/>.
/// </remarks>
public static class PairedComparer
{
    /// <summary>Compares the <paramref name="pairs"/> (A, B) of the complete blocks; <paramref name="a"/> and
    /// <paramref name="b"/> are every successful trial's value, for the samples' summaries.</summary>
    public static MetricComparison Compare(
        string name, IReadOnlyList<double> a, IReadOnlyList<double> b, IReadOnlyList<(double A, double B)> pairs,
        VerdictPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(policy);
        if (pairs.Count < 2)
        {
            throw new ArgumentException(
                $"a paired comparison needs 2 blocks or more, got {pairs.Count}", nameof(pairs));
        }
        var unit = MetricCatalog.UnitOf(name);
        var baseline = pairs.Select(p => p.A).ToArray();
        var candidate = pairs.Select(p => p.B).ToArray();
        var positive = baseline.All(v => v > 0) && candidate.All(v => v > 0);
        var medianA = Descriptive.Median(a.Count > 0 ? a : baseline);
        double changePct, diff;
        double[] ciPct, ciDiff;
        PairedTTestResult t;
        WilcoxonResult rank;
        if (positive)
        {
            var logA = baseline.Select(v => Math.Log(v)).ToArray();
            var logB = candidate.Select(v => Math.Log(v)).ToArray();
            t = PairedTTest.Run(logA, logB, policy.Confidence);
            rank = WilcoxonSignedRankTest.Run(logA, logB);
            changePct = (Math.Exp(t.MeanDifference) - 1) * 100;
            ciPct = [(Math.Exp(t.Low) - 1) * 100, (Math.Exp(t.High) - 1) * 100];
            diff = medianA * changePct / 100;
            ciDiff = [medianA * ciPct[0] / 100, medianA * ciPct[1] / 100];
        }
        else
        {
            t = PairedTTest.Run(baseline, candidate, policy.Confidence);
            rank = WilcoxonSignedRankTest.Run(baseline, candidate);
            diff = t.MeanDifference;
            ciDiff = [t.Low, t.High];
            changePct = medianA > 0 ? diff / medianA * 100 : double.NaN;
            ciPct = medianA > 0 ? [t.Low / medianA * 100, t.High / medianA * 100] : [double.NaN, double.NaN];
        }

        var blocks = pairs.Count.ToString(CultureInfo.InvariantCulture);
        var test = positive
            ? $"paired t-test on log(B/A) per block ({blocks} blocks)"
            : $"paired t-test on B − A per block ({blocks} blocks; values not all positive, no log)";
        var tests = new MetricComparer.Tests(test, "Wilcoxon signed-rank",
            "a few blocks carry the change, not all of them", positive ? "geometric-mean change" : "mean change");
        var (verdict, reason) =
            MetricComparer.Decide(policy, unit, tests, changePct, ciPct, diff, ciDiff, t.PValue, rank.PValue);
        return new MetricComparison
        {
            Name = name, Unit = unit, A = RunSummary.Summarize(a), B = RunSummary.Summarize(b),
            ChangePct = changePct, CiPct = ciPct, Diff = diff, CiDiff = ciDiff,
            PValue = t.PValue, WilcoxonP = rank.PValue, PairedBlocks = pairs.Count,
            Verdict = verdict, Reason = reason,
        };
    }
}
