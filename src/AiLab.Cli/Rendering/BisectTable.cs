using System.Globalization;
using System.Text;
using AiLab.Core.Verdicts;
using AiLab.Core.Wire;
using AiLab.Lab.Analysis;
using AiLab.Lab.Bisection;

namespace AiLab.Cli.Rendering;

/// <summary>The human-readable bisection report: the range's verdict, a table of culprits with the phase that moved,
/// skipped and unresolved commits, and what the search spent against its budget. Culture-invariant.</summary>
internal static class BisectTable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Renders <paramref name="result"/>; <paramref name="indent"/> prefixes every line (for the release report).</summary>
    public static string Render(BisectResult result, string indent = "")
    {
        var sb = new StringBuilder();
        void Line(string text) => sb.Append(indent).Append(text).AppendLine();
        Line(string.Create(Inv,
            $"Bisection {Short(result.Good)}..{Short(result.Bad)}: {result.Commits} commits (first-parent), " +
            $"metric {result.Metric}  [{Status(result.Status)}]"));
        if (result.StatusReason is { } reason) Line($"  status     {reason.Split('\n')[0]}");
        if (result.RangeComparison is { Succeeded: true } range)
        {
            var m = range.Metric(result.Metric);
            var moved = range.Verdict!.Metrics.Where(x => MetricCatalog.IsPhase(x.Name) && x.Verdict is Verdict.Regression or Verdict.Improvement)
                .Select(x => string.Create(Inv, $"{x.Name[MetricCatalog.PhasePrefix.Length..]} {x.Diff:+0.0;-0.0} {x.Unit}")).ToList();
            var effect = m is null ? "" : string.Create(Inv, $" {Pct(m.ChangePct)} {PctCi(m.CiPct)}, {m.Diff:+0.0;-0.0} {m.Unit}");
            Line($"  good..bad  {result.Metric} {result.RangeVerdict.ToWire()}{effect}  [{range.ExperimentId}]");
            if (moved.Count > 0) Line($"  phases     {string.Join(", ", moved)}");
        }

        sb.AppendLine();
        if (result.Culprits.Count == 0)
        {
            Line(result.RangeVerdict == Verdict.NoChange
                ? $"No culprit: {result.Metric} did not change between good and bad."
                : "No culprit named.");
        }
        else
        {
            Line(string.Create(Inv, $"{result.Culprits.Count} culprit{(result.Culprits.Count == 1 ? "" : "s")}:"));
            var rows = new List<string[]>
            {
                new[] { "#", "commit", "verdict", "phase", "phase change (CI)", $"{result.Metric} change (CI)", "author", "subject" },
            };
            foreach (var c in result.Culprits)
            {
                var main = c.Main.Comparison;
                var metric = c.MetricComparison;
                rows.Add([
                    c.Position.ToString(Inv), Short(c.Commit), c.Direction.ToWire(), c.Phase ?? "-",
                    string.Create(Inv, $"{main.Diff:+0.0;-0.0} {main.Unit} [{main.CiDiff[0]:+0.0;-0.0}, {main.CiDiff[1]:+0.0;-0.0}]"),
                    metric is null ? "-" : $"{Pct(metric.ChangePct)} {PctCi(metric.CiPct)}",
                    c.Info?.Author ?? "?", Truncate(c.Info?.Subject ?? "?", 48),
                ]);
            }

            foreach (var row in Align(rows)) Line("  " + row);
            sb.AppendLine();
            foreach (var c in result.Culprits)
            {
                var others = c.Effects.Skip(1).Select(e => string.Create(Inv, $"{e.Metric} {e.Comparison.Diff:+0.0;-0.0} {e.Comparison.Unit}")).ToList();
                var diffStat = c.DiffStat is null ? "" : $"; {c.DiffStat}";
                var by = c.Info is null ? "" : $" (\"{c.Info.Subject}\", {c.Info.Author} <{c.Info.AuthorEmail}>{diffStat})";
                Line($"  {c.Summary}{by}");
                var show = c.Main.ExperimentId is { } evidence ? $"ailab show {evidence} " : "";
                var also = others.Count > 0 ? "; also " + string.Join(", ", others) : "";
                Line($"    evidence: {show}({Short(c.Main.BaseCommit)} vs {Short(c.Commit)}){also}");
            }
        }

        if (result.Skipped.Count > 0)
        {
            sb.AppendLine();
            Line("Skipped (could not be built or run):");
            foreach (var s in result.Skipped) Line(string.Create(Inv, $"  #{s.Position} {Short(s.Commit)}: {s.Reason.Split('\n')[0]}"));
        }

        if (result.Unresolved.Count > 0)
        {
            sb.AppendLine();
            Line("Unresolved (a change was measured, but no single commit is blamed):");
            foreach (var u in result.Unresolved)
                Line($"  {u.Metric} in {Short(u.From)}..{Short(u.To)} ({string.Join(", ", u.Candidates.Select(Short))}): {u.Reason}");
        }

        if (result.Notes.Count > 0)
        {
            sb.AppendLine();
            foreach (var n in result.Notes) Line($"Note: {n}");
        }

        sb.AppendLine();
        var allowed = result.BudgetPerCulprit * Math.Max(1, result.Culprits.Count);
        Line(string.Create(Inv,
            $"{result.Experiments} experiments, {result.Trials} trials in {Duration(result.Elapsed)}; " +
            $"budget ⌈log2 {result.Commits}⌉ + 3 = {result.BudgetPerCulprit} per culprit " +
            $"({allowed} for {Math.Max(1, result.Culprits.Count)})"));
        return sb.ToString();
    }

    /// <summary>Pads each column to its widest cell.</summary>
    public static IEnumerable<string> Align(List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        return rows.Select(r => string.Join("  ", r.Select((cell, i) => i == r.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
    }

    public static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    public static string Pct(double v) => double.IsFinite(v) ? v.ToString("+0.0;-0.0", Inv) + "%" : "n/a";

    public static string PctCi(double[] ci) => ci.Length == 2 && ci.All(double.IsFinite) ? string.Create(Inv, $"[{ci[0]:+0.0;-0.0}, {ci[1]:+0.0;-0.0}]") : "";

    public static string Duration(TimeSpan t) => t.TotalMinutes >= 1
        ? string.Create(Inv, $"{(int)t.TotalMinutes}m{t.Seconds:00}s")
        : string.Create(Inv, $"{t.TotalSeconds:0.0}s");

    private static string Status(BisectStatus s) => s switch { BisectStatus.WorkloadFailed => "workload failed", var x => WireNames.Of(x) };

    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}
