using System.Globalization;
using System.Text;
using AiLab.Core.Experiments;
using AiLab.Core.Metrics;
using AiLab.Core.Verdicts;
using AiLab.Core.Wire;
using AiLab.Lab.Analysis;

namespace AiLab.Cli.Rendering;

/// <summary>The human-readable report: a header, a table per metric (A, B, change, CI, p, verdict), the overall
/// verdict with its cause, and the notes. Culture-invariant, so it reads the same everywhere and golden files
/// hold.</summary>
internal static class SummaryTable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>What the experiment's trials cost and what stopping them after their marks saved; null when no trial
    /// was stopped (reports of older experiments stay as they were).</summary>
    private static string? CapacityLine(Experiment experiment, IReadOnlyList<TrialRecord> trials)
    {
        if (!trials.Any(t => t.Result.Stop is not null)) return null;
        var costs = trials.Select(t => Lab.Capacity.CapacityLedger.CostOf(experiment, t)).ToList();
        var saved = Lab.Capacity.StopSavings.Estimate(costs);
        var (cpuSpent, wallSpent) = (costs.Sum(c => c.CpuSeconds), costs.Sum(c => c.WallSeconds));
        var spent = string.Create(Inv, $"{cpuSpent:0.0} CPU s, {wallSpent:0.0} wall s over {costs.Count} trials");
        return saved.CpuSeconds is { } cpu
            ? string.Create(Inv, $"{spent}; stopping {saved.StoppedTrials} after their marks saved ~{cpu:0.0} CPU s, "
                                 + $"~{saved.WallSeconds:0.0} wall s (estimated from {saved.ReferenceTrials} "
                                 + $"warm-up tail(s))")
            : $"{spent}; {saved.StoppedTrials} stopped after their marks, saving {saved.Method}";
    }

    /// <summary>Renders an experiment (A/B or a plain run).</summary>
    public static string Render(Experiment experiment, IReadOnlyList<TrialRecord> trials)
    {
        var sb = new StringBuilder();
        sb.Append(Inv, $"Experiment {experiment.Id}  [{WireNames.Of(experiment.Status)}]").AppendLine();
        sb.Append(Inv, $"  workflow  {experiment.Workflow.Name}: {experiment.Workflow.Run}").AppendLine();
        foreach (var v in experiment.Variants)
        {
            var commit = experiment.Commits.TryGetValue(v.Label, out var sha) ? $" ({sha[..Math.Min(12, sha.Length)]})" : "";
            sb.Append(Inv, $"  {v.Label,-8}  {v.Describe()}{commit}").AppendLine();
        }

        var measured = trials.Count(t => !t.IsWarmup);
        var failed = trials.Count(t => !t.IsWarmup && !t.Result.Succeeded);
        sb.Append(Inv, $"  trials    {experiment.TrialsPerVariant} per variant + {experiment.WarmupPerVariant} warm-up; ")
            .Append(Inv, $"{measured} measured, {failed} failed").AppendLine();
        if (experiment.Pinning is { } pinning) sb.Append(Inv, $"  cpus      {pinning.Describe()} ({pinning.Source}): {pinning.Reason}").AppendLine();
        if (experiment.Extension is { } extension)
        {
            sb.Append(Inv, $"  design    default: looks at {string.Join(", ", extension.Looks)} trials per variant, ")
                .Append(Inv, $"extended only while inconclusive ({extension.Spending} α-spending, overall α {extension.Alpha})")
                .AppendLine();
        }

        if (experiment.WithheldEnvironment.Count > 0)
        {
            var names = string.Join(", ", experiment.WithheldEnvironment);
            sb.Append(Inv, $"  env       withheld from trials by env_policy: {names}").AppendLine();
        }
        if (CapacityLine(experiment, trials) is { } capacity) sb.Append(Inv, $"  capacity  {capacity}").AppendLine();
        if (experiment.ConfirmationOf is { } of) sb.Append(Inv, $"  confirms  {of} (fresh trials, fresh worktrees)").AppendLine();
        if (StatusText.Reason(experiment) is { } reason) sb.Append(Inv, $"  status    {reason}").AppendLine();
        sb.AppendLine();

        if (experiment.Kind == ExperimentKind.AB && experiment.Verdict is { } verdict) RenderComparison(sb, verdict);
        else if (experiment.Kind == ExperimentKind.Run) RenderRun(sb, trials);

        var failures = trials.Where(t => !t.Result.Succeeded).ToList();
        if (failures.Count > 0)
        {
            sb.AppendLine().AppendLine("Failed trials:");
            foreach (var t in failures.Take(10))
                sb.Append(Inv, $"  #{t.Sequence} {t.Variant}{(t.IsWarmup ? " (warm-up)" : "")}: {t.Result.Reason}").AppendLine();
            if (failures.Count > 10) sb.Append(Inv, $"  ... and {failures.Count - 10} more (ailab show {experiment.Id} --trials)").AppendLine();
        }

        return sb.ToString();
    }

    private static void RenderComparison(StringBuilder sb, ExperimentVerdict verdict)
    {
        var rows = new List<string[]> { new[] { "metric", "A median", "B median", "change", "95% CI", "p", "verdict" } };
        foreach (var m in verdict.Metrics)
        {
            rows.Add(
            [
                m.Name,
                Value(m.A.Median, m.Unit),
                Value(m.B.Median, m.Unit),
                Pct(m.ChangePct),
                m.CiPct.All(double.IsFinite) ? $"[{Pct(m.CiPct[0])}, {Pct(m.CiPct[1])}]" : "-",
                double.IsFinite(m.PValue) ? PValue(m.PValue) : "-",
                m.Verdict.ToWire(),
            ]);
        }

        AppendColumns(sb, rows, lastColumnIsText: true);
        sb.AppendLine();
        var primary = verdict.Metrics.First(m => m.Name == verdict.PrimaryMetric);
        sb.Append(Inv, $"Verdict: {verdict.Overall.ToWire().ToUpperInvariant()}");
        if (verdict.Overall is Verdict.Regression or Verdict.Improvement)
        {
            if (verdict.Basis is { DecidedBy: { } by } decided && MetricCatalog.IsPhase(by))
            {
                var ci = $"[{Pct(decided.TtfbCiPct[0])}, {Pct(decided.TtfbCiPct[1])}]";
                sb.Append(Inv, $" - {primary.Name} {Pct(decided.TtfbChangePct)} (CI {ci}, from the phases)");
            }
            else
                sb.Append(Inv, $" - {primary.Name} {Pct(primary.ChangePct)} ({Signed(primary.Diff)} {primary.Unit}, ")
                    .Append(Inv, $"CI [{Pct(primary.CiPct[0])}, {Pct(primary.CiPct[1])}])");
            if (verdict.Cause is { } cause && verdict.Metrics.FirstOrDefault(m => m.Name == cause) is { } c)
            {
                var phase = cause[MetricCatalog.PhasePrefix.Length..];
                sb.Append(Inv, $"; the phase that moved: {phase} {Signed(c.Diff)} {c.Unit} (CI [{Signed(c.CiDiff[0])}, {Signed(c.CiDiff[1])}] {c.Unit})");
            }
        }

        sb.AppendLine();
        var byPhase = verdict.Basis?.DecidedBy is { } decider && MetricCatalog.IsPhase(decider);
        sb.Append(Inv, $"  {(byPhase ? "ttfb alone" : "why")}: {primary.Reason}").AppendLine();
        if (verdict.Basis is { } basis)
        {
            if (basis.Summary is { } summary) sb.Append(Inv, $"  rule: {summary}").AppendLine();
            sb.Append(Inv, $"  threshold: {basis.ThresholdSource}").AppendLine();
            if (basis.MinDetectableEffectPct is { } mde)
                sb.Append(Inv, $"  minimum detectable effect at {basis.TrialsA}+{basis.TrialsB} trials: {mde:0.0}% (90% power)").AppendLine();
            else sb.Append(Inv, $"  trials used: A {basis.TrialsA}, B {basis.TrialsB}").AppendLine();
            if (basis.CalibrationNote is { } note) sb.Append(Inv, $"  calibration: {note}").AppendLine();
        }
        if (verdict.Confirmation is { } confirmation)
            sb.Append(Inv, $"  confirmation: {(confirmation.Confirmed ? "confirmed" : "NOT confirmed")} - {confirmation.Reason}").AppendLine();
        foreach (var note in verdict.Notes) sb.Append(Inv, $"  note: {note}").AppendLine();
    }

    private static void RenderRun(StringBuilder sb, IReadOnlyList<TrialRecord> trials)
    {
        var rows = new List<string[]> { new[] { "metric", "n", "median", "mean", "stddev", "min", "max" } };
        foreach (var (name, values) in RunSummary.Metrics(trials))
        {
            var s = RunSummary.Summarize(values);
            var unit = MetricCatalog.UnitOf(name);
            rows.Add([name, s.N.ToString(Inv), Value(s.Median, unit), Value(s.Mean, unit), Value(s.StdDev, unit), Value(s.Min, unit), Value(s.Max, unit)]);
        }

        if (rows.Count == 1) sb.AppendLine("No successful trials: nothing to summarize.");
        else AppendColumns(sb, rows, lastColumnIsText: false);
    }

    /// <summary>Names (the first column, and the verdict when it ends the row) are left-aligned, numbers
    /// right-aligned.</summary>
    private static void AppendColumns(StringBuilder sb, List<string[]> rows, bool lastColumnIsText)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            var line = string.Join("  ", row.Select((cell, i) =>
                i == 0 || (lastColumnIsText && i == row.Length - 1) ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i])));
            sb.AppendLine(line.TrimEnd());
        }
    }

    private static string Value(double v, MetricUnit unit) => double.IsFinite(v) ? v.ToString(v >= 100 ? "0.0" : "0.00", Inv) + " " + unit : "-";

    private static string Pct(double v) => double.IsFinite(v) ? v.ToString(Math.Abs(v) >= 100 ? "+0;-0;0" : "+0.0;-0.0;0.0", Inv) + "%" : "-";

    private static string Signed(double v) => double.IsFinite(v) ? v.ToString("+0.0;-0.0;0.0", Inv) : "-";

    private static string PValue(double p) => p < 0.0001 ? p.ToString("0.0e0", Inv) : p.ToString("0.0000", Inv);
}
