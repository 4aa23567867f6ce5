using System.Globalization;

namespace AiLab.Stats.Calibration;

/// <summary>Writes the sentence that says why a threshold was chosen, for the verdict's "why".</summary>
internal static class SelectionExplainer
{
    public static string Explain(
        DetectorEvaluation best, IReadOnlyList<DetectorEvaluation> candidates, double budget, int perSide, int poolSize,
        ThresholdSelectorOptions options, double? mde80, double? mde90)
    {
        var source = best.Source == ThresholdSource.Empirical
            ? $"the empirical null of {N(options.NullExperiments)} A/A splits of {N(poolSize)} calibration values " +
                $"(parametric fit: {F(best.ParametricThreshold)})"
            : best.EmpiricalThreshold is { } empirical
                ? $"a parametric tail fit to {N(options.NullExperiments)} A/A splits of {N(poolSize)} values, above the empirical {F(empirical)}"
                : $"a parametric tail fit to {N(options.NullExperiments)} A/A splits of {N(poolSize)} values (the empirical tail at this budget is too thin)";
        var others = string.Join(", ", candidates.Where(c => c != best).Select(c => $"{Name(c.Detector)} {Pct(c.TprAtDesignShift)}"));
        var text = $"{Name(best.Detector)} with |statistic| > {F(best.Threshold)} from {source}: " +
                   $"false-positive rate {P(best.Fpr)} within the budget {P(budget)}, detects a {Pct(options.DesignShift)} shift " +
                   $"{Pct(best.TprAtDesignShift)} of the time at {perSide} trials per variant" +
                   (others.Length > 0 ? $" ({others})" : "") +
                   $"; minimum detectable shift {Mde(mde80)} at 80%, {Mde(mde90)} at 90% power.";
        if (poolSize < 4 * perSide)
        {
            text += $" The pool holds only {poolSize} values for splits of 2×{perSide}: record more A/A trials to trust the tail.";
        }

        return text;
    }

    private static string Name(Detector detector) => detector switch
    {
        Detector.WelchLogT => "Welch t on log values",
        Detector.MannWhitneyZ => "Mann–Whitney z",
        Detector.MedianRatioZ => "studentized log ratio of medians",
        _ => detector.ToString(),
    };

    private static string Mde(double? shift) => shift is { } s ? Pct(s) : "> 100%";

    private static string Pct(double v) => (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    private static string P(double v) => v.ToString("0.#####", CultureInfo.InvariantCulture);

    private static string N(int v) => v.ToString("#,0", CultureInfo.InvariantCulture);
}
