using AiLab.Outputs.Dags;
using AiLab.Stats.Classification;
using AiLab.Stats.Distributions;
using AiLab.Stats.Paired;

namespace AiLab.Outputs.Comparing;

/// <summary>
/// The signal-comparison node: both sides' metrics overall and per slice, their paired changes (McNemar for accuracy,
/// DeLong for AUROC, the paired Poisson bootstrap for AUPRC, precision and recall), and a verdict per rule. Slices are
/// judged at α/k (Bonferroni over the k slices) so that more slices do not mean more false alarms.
/// </summary>
public static class OutputComparer
{
    /// <summary>The comparison of one pair of score vectors; <paramref name="random"/> drives the bootstrap.</summary>
    public static (SliceComparison Overall, IReadOnlyList<SliceComparison> Slices, IReadOnlyList<MetricVerdict> Verdicts, IReadOnlyList<FlippedExample> Flipped)
        Compare(CompareSpec spec, string[] ids, bool[] labels, string[]? slices, double[] baseline, double[] candidate, Random random)
    {
        var overall = CompareSlice(SliceComparison.All, labels, baseline, candidate, spec, 1 - spec.Alpha, random);
        var perSlice = new List<SliceComparison>();
        if (slices is not null)
        {
            var groups = Enumerable.Range(0, ids.Length).GroupBy(i => slices[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            var confidence = 1 - (spec.Alpha / Math.Max(groups.Count, 1));
            foreach (var g in groups)
            {
                var index = g.ToArray();
                perSlice.Add(CompareSlice(g.Key, index.Select(i => labels[i]).ToArray(), index.Select(i => baseline[i]).ToArray(),
                    index.Select(i => candidate[i]).ToArray(), spec, confidence, random));
            }
        }

        var verdicts = new List<MetricVerdict>();
        foreach (var slice in perSlice.Prepend(overall))
        {
            foreach (var rule in spec.Rules) verdicts.Add(Judge(rule, slice));
        }

        var flipped = Enumerable.Range(0, ids.Length)
            .Where(i => (baseline[i] >= spec.Threshold) != (candidate[i] >= spec.Threshold))
            .OrderByDescending(i => Math.Abs(candidate[i] - baseline[i]))
            .Take(ComparisonReport.MaxStoredFlips)
            .Select(i => new FlippedExample(ids[i], slices?[i] ?? SliceComparison.All, labels[i], baseline[i], candidate[i]))
            .ToList();
        return (overall, perSlice, verdicts, flipped);
    }

    /// <summary>Judges one rule on one slice; public so that the rule's logic is tested without running models.</summary>
    public static MetricVerdict Judge(MetricRule rule, SliceComparison slice)
    {
        var d = slice.Delta(rule.Metric);
        var where = slice.Slice == SliceComparison.All ? "overall" : $"slice '{slice.Slice}'";
        var numbers = $"{d.Baseline:F4} → {d.Candidate:F4}" + (double.IsNaN(d.Low) ? "" :
            $", {slice.Confidence:P1} CI of the change [{d.Low:+0.0000;-0.0000}, {d.High:+0.0000;-0.0000}]") +
            (double.IsNaN(d.PValue) ? "" : $", {d.Test} p = {d.PValue:G3}");
        if (double.IsNaN(d.Candidate) || double.IsNaN(d.Baseline))
            return new MetricVerdict(slice.Slice, rule.Metric, true,
                $"{where}: {rule.Metric} not judged: undefined on {slice.Examples} examples ({slice.Positives} positive).");
        if (rule.Floor is { } floor && (rule.HigherIsBetter ? d.Candidate < floor : d.Candidate > floor))
            return new MetricVerdict(slice.Slice, rule.Metric, false,
                $"{where}: {rule.Metric} {d.Candidate:F4} is {(rule.HigherIsBetter ? "below" : "above")} the floor {floor} ({numbers}).");

        var drop = rule.HigherIsBetter ? -d.Change : d.Change;
        var allowed = Math.Min(rule.MaxDrop ?? double.PositiveInfinity, (rule.MaxRelativeDrop ?? double.PositiveInfinity) * Math.Abs(d.Baseline));
        if (double.IsPositiveInfinity(allowed)) allowed = 0;
        var worse = rule.HigherIsBetter ? d.High < 0 : d.Low > 0;
        var significant = d.Test switch
        {
            "none" => drop > 0,
            _ when !double.IsNaN(d.PValue) => d.PValue < 1 - slice.Confidence && drop > 0,
            _ => worse,
        };
        if (significant && drop > allowed)
            return new MetricVerdict(slice.Slice, rule.Metric, false,
                $"{where}: {rule.Metric} got worse by {drop:F4}, more than the allowed {allowed:F4} ({numbers}).");
        var why = drop <= 0 ? "did not get worse" : !significant ? "change not significant" : $"worse by {drop:F4}, within {allowed:F4}";
        return new MetricVerdict(slice.Slice, rule.Metric, true, $"{where}: {rule.Metric} {why} ({numbers}).");
    }

    private static SliceComparison CompareSlice(string name, bool[] labels, double[] a, double[] b, CompareSpec spec, double confidence, Random random)
    {
        var ma = BinaryMetrics.Compute(labels, a, spec.Threshold);
        var mb = BinaryMetrics.Compute(labels, b, spec.Threshold);
        var positives = labels.Count(l => l);
        var twoClasses = positives >= 2 && labels.Length - positives >= 2;
        var correctA = labels.Select((l, i) => (a[i] >= spec.Threshold) == l).ToArray();
        var correctB = labels.Select((l, i) => (b[i] >= spec.Threshold) == l).ToArray();
        var mcnemar = McNemarTest.Compute(correctA, correctB);
        var (accLow, accHigh) = AccuracyInterval(mcnemar, labels.Length, confidence);
        var delong = twoClasses ? DeLongTest.Compute(labels, a, b, confidence) : null;
        var boot = positives > 0 ? PairedBootstrap.Compute(labels, a, b, spec.Threshold, random, spec.Replicates, confidence) : null;
        var deltas = new List<MetricDelta>
        {
            new("accuracy", ma.Counts.Accuracy, mb.Counts.Accuracy, accLow, accHigh, mcnemar.PValue, "McNemar"),
            FromBootstrap("precision", ma.Counts.Precision, mb.Counts.Precision, boot?.Precision),
            FromBootstrap("recall", ma.Counts.Recall, mb.Counts.Recall, boot?.Recall),
            new("f1", ma.Counts.F1, mb.Counts.F1, double.NaN, double.NaN, double.NaN, "none"),
            new("auroc", ma.Auroc, mb.Auroc, delong?.Low ?? double.NaN, delong?.High ?? double.NaN, delong?.PValue ?? double.NaN, "DeLong"),
            FromBootstrap("auprc", ma.AveragePrecision, mb.AveragePrecision, boot?.AveragePrecision),
            new("ece", ma.CalibrationError, mb.CalibrationError, double.NaN, double.NaN, double.NaN, "none"),
        };
        return new SliceComparison(name, labels.Length, positives, deltas, Agreement.Compute(a, b, spec.Threshold), confidence);
    }

    private static MetricDelta FromBootstrap(string metric, double a, double b, PairedInterval? interval) =>
        new(metric, a, b, interval?.Low ?? double.NaN, interval?.High ?? double.NaN, double.NaN, "bootstrap");

    // Wald interval of a paired difference of proportions, (c − b)/n ± z·√((b + c) − (c − b)²/n)/n
    // (Agresti, Categorical Data Analysis (2002) §10.1.1, eq. 10.2).
    private static (double Low, double High) AccuracyInterval(McNemarResult m, int n, double confidence)
    {
        var diff = (m.OnlyCandidate - m.OnlyBaseline) / (double)n;
        var discordant = m.OnlyBaseline + m.OnlyCandidate;
        var se = Math.Sqrt(Math.Max(discordant - ((m.OnlyCandidate - m.OnlyBaseline) * (double)(m.OnlyCandidate - m.OnlyBaseline) / n), 0)) / n;
        var z = NormalDistribution.Quantile(1 - ((1 - confidence) / 2));
        return (diff - (z * se), diff + (z * se));
    }
}
