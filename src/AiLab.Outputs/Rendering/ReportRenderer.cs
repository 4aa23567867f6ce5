using System.Globalization;
using System.Text;
using AiLab.Outputs.Comparing;

namespace AiLab.Outputs.Rendering;

/// <summary>The comparison as text for a terminal: metric deltas with intervals per slice, agreement, the verdict.</summary>
public static class ReportRenderer
{
    /// <summary>Renders <paramref name="report"/>; <paramref name="flips"/> caps the flipped examples shown.</summary>
    public static string Render(ComparisonReport report, int flips = 5)
    {
        var s = new StringBuilder();
        void Line(string text) => s.Append(text).Append('\n');
        Line(Invariant($"Comparison {report.Id}  {report.Dag}  ({report.Overall.Examples} examples, threshold {report.Threshold})"));
        Line($"  baseline  {Identity(report.Baseline)}");
        Line($"  candidate {Identity(report.Candidate)}");
        Line($"  data      {Identity(report.Dataset)}");
        foreach (var slice in report.Slices.Prepend(report.Overall))
        {
            Line("");
            var title = slice.Slice == SliceComparison.All ? "overall" : $"slice {report.SliceColumn} = {slice.Slice}";
            Line(Invariant($"{title}: {slice.Examples} examples, {slice.Positives} positive; intervals at {slice.Confidence:P1}"));
            Line(Invariant($"  {"metric",-10}{"baseline",10}{"candidate",11}{"change",10}  {"interval",-22}{"test",-10}p"));
            foreach (var d in slice.Deltas)
            {
                var interval = double.IsNaN(d.Low) ? "-" : Invariant($"[{d.Low:+0.0000;-0.0000}, {d.High:+0.0000;-0.0000}]");
                var p = double.IsNaN(d.PValue) ? "-" : Invariant($"{d.PValue:G3}");
                Line(Invariant($"  {d.Metric,-10}{d.Baseline,10:F4}{d.Candidate,11:F4}{d.Change,10:+0.0000;-0.0000}  {interval,-22}{d.Test,-10}{p}"));
            }

            var a = slice.Agreement;
            Line(Invariant($"  agreement: {a.Flips} flipped ({a.FlipShare:P2}), ")
                + Invariant($"score correlation {a.ScoreCorrelation:F4}, largest score change {a.LargestScoreChange:F4}"));
        }

        Line("");
        var failed = report.Verdicts.Where(v => !v.Passed).ToList();
        foreach (var v in failed) Line($"  FAIL {v.Reason}");
        if (report.Flipped.Count > 0)
        {
            Line(Invariant($"Flipped examples (largest score change first; {report.Flipped.Count} stored, ")
                + Invariant($"'ailab outputs show {report.Id} --flips N' for more):"));
            foreach (var f in report.Flipped.Take(flips))
                Line(Invariant($"  {f.Id,-16} slice {f.Slice,-8} label {(f.Label ? 1 : 0)}  {f.BaselineScore:F4} → {f.CandidateScore:F4}"));
        }

        Line(report.Passed
            ? Invariant($"Verdict: READY FOR TRAFFIC ({report.Verdicts.Count} checks passed)")
            : Invariant($"Verdict: NOT READY: {failed.Count} of {report.Verdicts.Count} checks failed ")
                + Invariant($"({string.Join("; ", failed.Select(FailedCheck))})"));
        return s.ToString();
    }

    private static string FailedCheck(MetricVerdict f) =>
        $"{f.Metric} on {(f.Slice == SliceComparison.All ? "all examples" : $"slice {f.Slice}")}";

    private static string Identity(ArtifactIdentity identity) =>
        identity.Sha256 is null ? $"{identity.Name}: {identity.Location}" : $"{identity.Name}: {identity.Location} (sha256 {identity.Sha256[..12]})";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
