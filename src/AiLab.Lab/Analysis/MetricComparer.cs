using System.Globalization;
using AiLab.Core.Metrics;
using AiLab.Core.Verdicts;
using AiLab.Stats.Intervals;
using AiLab.Stats.SignificanceTesting;

namespace AiLab.Lab.Analysis;

/// <summary>Compares one metric between baseline and candidate and decides its verdict.</summary>
/// <remarks>
/// Effects on start-up times are multiplicative (a slower disk slows every read by the same factor), so the primary
/// test is Welch's t-test on log-transformed values (Welch 1947; the log-normal treatment follows Limpert et al. 2001).
/// Mann–Whitney U (Mann &amp; Whitney 1947) guards against outliers that can make a t-test significant on its own.
/// The effect is the relative change of the median with a percentile bootstrap interval (Efron &amp; Tibshirani 1993).
/// A verdict of regression or improvement needs all three to agree and the effect to be practically relevant.
/// </remarks>
public static class MetricComparer
{
    /// <summary>Compares <paramref name="a"/> (baseline) with <paramref name="b"/> (candidate).</summary>
    public static MetricComparison Compare(string name, IReadOnlyList<double> a, IReadOnlyList<double> b, VerdictPolicy policy, int seed)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(policy);
        var unit = MetricCatalog.UnitOf(name);
        var summaryA = RunSummary.Summarize(a);
        var summaryB = RunSummary.Summarize(b);
        if (a.Count < policy.MinTrials || b.Count < policy.MinTrials)
        {
            return new MetricComparison
            {
                Name = name, Unit = unit, A = summaryA, B = summaryB,
                Verdict = Verdict.Inconclusive,
                Reason = $"too few successful trials (A: {a.Count}, B: {b.Count}; need {policy.MinTrials} each)",
            };
        }

        var interval = Bootstrap.MedianChange(a, b, policy.Confidence, policy.BootstrapIterations, seed);
        var changePct = (interval.Ratio - 1) * 100;
        var ciPct = new[] { (interval.RatioLow - 1) * 100, (interval.RatioHigh - 1) * 100 };
        var ciDiff = new[] { interval.DifferenceLow, interval.DifferenceHigh };
        var positive = a.All(v => v > 0) && b.All(v => v > 0);
        var welch = positive
            ? WelchTTest.Run(b.Select(v => Math.Log(v)).ToArray(), a.Select(v => Math.Log(v)).ToArray())
            : WelchTTest.Run(b, a);
        var mannWhitney = MannWhitneyUTest.Run(b, a);
        var test = positive ? "Welch t-test on log values" : "Welch t-test (values not all positive, no log)";
        var tests = new Tests(test, "Mann–Whitney", "outliers or a change of shape, not of location");
        var (verdict, reason) = Decide(policy, unit, tests,
            changePct, ciPct, interval.Difference, ciDiff, welch.PValue, mannWhitney.PValue);
        return new MetricComparison
        {
            Name = name, Unit = unit, A = summaryA, B = summaryB,
            ChangePct = changePct, CiPct = ciPct, Diff = interval.Difference, CiDiff = ciDiff,
            PValue = welch.PValue, MannWhitneyP = mannWhitney.PValue,
            Verdict = verdict, Reason = reason,
        };
    }

    /// <summary>How the reasons name the deciding test, its rank check, and what a disagreement of the two
    /// means.</summary>
    internal sealed record Tests(string Test, string Rank, string Disagreement, string Change = "median change");

    /// <summary>The verdict from the test's p-value, the rank check's, and the change's interval: the same rules
    /// whether A and B were compared as independent samples or paired by block.</summary>
    internal static (Verdict, string) Decide(
        VerdictPolicy policy, MetricUnit unit, Tests tests, double changePct, double[] ciPct, double diff,
        double[] ciDiff, double pWelch, double pMannWhitney)
    {
        var test = tests.Test;
        var alpha = P(policy.Alpha);   // a look of the default design tests at 0.00453: "0.##" printed "p < 0"
        // A ratio needs a positive baseline. Where the baseline has zeros (CPU time counted in ticks, two marks
        // stamped at once) the difference decides alone, with the minimum absolute effect as its margin.
        var relative = !double.IsNaN(changePct);
        var (low, high, margin, suffix) = relative
            ? (ciPct[0], ciPct[1], policy.EquivalenceMarginPct, "%")
            : (ciDiff[0], ciDiff[1], policy.MinEffectAbsolute, " " + unit);
        var ciExcludesZero = low > 0 || high < 0;
        var significant = pWelch < policy.Alpha && ciExcludesZero;
        var practical = policy.IsMaterial(relative ? changePct : double.NaN, diff, unit);
        var direction = (relative ? changePct : diff) > 0 ? Verdict.Regression : Verdict.Improvement;
        var ci = $"[{F(low)}{suffix}, {F(high)}{suffix}]";
        var change = relative ? $"{F(changePct)}%" : $"{F(diff)} {unit}";
        var minimum = !relative ? $"{F(policy.MinEffectAbsolute)} {unit}"
            : Math.Abs(changePct) >= policy.MinEffectPct ? $"{F(policy.MinEffectPct)}%"
            : $"{F(policy.MinEffectCapMs)} ms";

        if (significant && !practical)
        {
            return (Verdict.NoChange,
                $"{test} p={P(pWelch)} < {alpha}, but the change ({(relative ? $"{change}, " : "")}{F(diff)} {unit}) is below the minimum effect " +
                $"({MinimumInWords(policy, unit)})");
        }

        if (significant)
        {
            if (pMannWhitney >= policy.Alpha)
            {
                return (Verdict.Inconclusive,
                    $"{test} p={P(pWelch)} says {direction.ToWire()}, " +
                    $"but {tests.Rank} p={P(pMannWhitney)} >= {alpha} disagrees " +
                    $"({tests.Disagreement}); add trials or look at the trials' logs");
            }

            return (direction,
                $"{test} p={P(pWelch)} < {alpha}, {tests.Rank} p={P(pMannWhitney)}, {tests.Change} {change} CI {ci} " +
                $"excludes 0 and exceeds the minimum effect ({minimum})");
        }

        // A tiny phase (0.08 ms) swings by tens of percent: when the whole interval of the difference lies within the
        // minimum absolute effect, no change that matters is possible, whatever the relative interval says.
        var absolutelyNegligible = relative && ciDiff[0] >= -policy.MinEffectAbsolute && ciDiff[1] <= policy.MinEffectAbsolute;
        if ((low < -margin || high > margin) && !absolutelyNegligible)
        {
            return (Verdict.Inconclusive,
                $"{test} p={P(pWelch)} is not significant, but CI {ci} cannot rule out a change of ±{F(margin)}{suffix}; add trials");
        }

        if (absolutelyNegligible && (low < -margin || high > margin))
        {
            return (Verdict.NoChange,
                $"{test} p={P(pWelch)} is not significant, and the difference's CI [{F(ciDiff[0])}, {F(ciDiff[1])}] " +
                $"{unit} lies within the minimum effect (±{F(policy.MinEffectAbsolute)} {unit})");
        }

        return (Verdict.NoChange, $"{test} p={P(pWelch)} >= {alpha}; CI {ci} lies within ±{F(margin)}{suffix}");
    }

    private static string MinimumInWords(VerdictPolicy policy, MetricUnit unit) => unit == MetricUnit.Milliseconds
        ? $"{policy.MinEffectText}, and {F(policy.MinEffectAbsolute)} {unit}"
        : $"{F(policy.MinEffectPct)}% and {F(policy.MinEffectAbsolute)} {unit}";

    internal static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    internal static string P(double p) => p < 0.0001
        ? p.ToString("0.0e0", CultureInfo.InvariantCulture)
        : p.ToString("0.####", CultureInfo.InvariantCulture);
}
