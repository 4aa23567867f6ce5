using System.Text.Json.Serialization;
using AiLab.Core.Metrics;

namespace AiLab.Core.Verdicts;

/// <summary>One metric compared between baseline (A) and candidate (B).</summary>
public sealed record MetricComparison
{
    /// <summary>Metric name: <c>ttfb</c>, <c>phase:NAME</c>, <c>cpu_time</c>, <c>peak_rss</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Unit of the values: <c>ms</c> or <c>MiB</c>.</summary>
    public required MetricUnit Unit { get; init; }

    /// <summary>The baseline's sample.</summary>
    public required SampleSummary A { get; init; }

    /// <summary>The candidate's sample.</summary>
    public required SampleSummary B { get; init; }

    /// <summary>Relative change of the median, B over A, in percent.</summary>
    public double ChangePct { get; init; }

    /// <summary>Bootstrap confidence interval of <see cref="ChangePct"/>.</summary>
    public double[] CiPct { get; init; } = [double.NaN, double.NaN];

    /// <summary>Difference of the medians, B minus A, in <see cref="Unit"/>.</summary>
    public double Diff { get; init; }

    /// <summary>Bootstrap confidence interval of <see cref="Diff"/>.</summary>
    public double[] CiDiff { get; init; } = [double.NaN, double.NaN];

    /// <summary>Two-sided p-value of Welch's t-test on log-transformed values, or, when <see cref="PairedBlocks"/>
    /// is set, of the paired t-test on the per-block log ratios.</summary>
    public double PValue { get; init; } = double.NaN;

    /// <summary>Two-sided p-value of the Mann–Whitney U test (the robustness check).</summary>
    public double MannWhitneyP { get; init; } = double.NaN;

    /// <summary>Two-sided p-value of the Wilcoxon signed-rank test on the per-block differences, the rank check of
    /// a paired comparison; NaN when A and B were compared as independent samples.</summary>
    public double WilcoxonP { get; init; } = double.NaN;

    /// <summary>Blocks (one A and one B run side by side) the metric was compared over, paired; null when A and B
    /// were compared as independent samples (then <see cref="PValue"/> is Welch's and the rank check
    /// Mann–Whitney's).</summary>
    public int? PairedBlocks { get; init; }

    /// <summary>The p-value of the rank test that must agree: Wilcoxon's when paired, Mann–Whitney's
    /// otherwise.</summary>
    [JsonIgnore]
    public double RankP => PairedBlocks is null ? MannWhitneyP : WilcoxonP;

    /// <summary>Holm-adjusted p-value of this metric in the verdict's family (TTFB and the phases that make it up),
    /// from the larger of its Welch and Mann–Whitney p-values; NaN for metrics outside the family.</summary>
    public double AdjustedP { get; init; } = double.NaN;

    /// <summary>The verdict for this metric.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>Why: which rule decided the verdict, in words.</summary>
    public required string Reason { get; init; }
}
