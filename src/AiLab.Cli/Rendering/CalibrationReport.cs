using System.Globalization;
using System.Text;
using System.Text.Json;
using AiLab.Core.Calibrations;
using AiLab.Core.Wire;
using AiLab.Lab.Analysis;

namespace AiLab.Cli.Rendering;

/// <summary>What <c>ailab calibrate</c> prints: the noise per metric, the chosen threshold and its operating point.</summary>
internal static class CalibrationReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Table(Calibration c)
    {
        var sb = new StringBuilder();
        sb.Append(Inv, $"Calibration {c.Id}").AppendLine();
        sb.Append(Inv, $"  workflow  {c.Workflow.Name}: {c.Workflow.Run}   (key {c.WorkflowKey})").AppendLine();
        sb.Append(Inv, $"  revision  {c.Revision ?? "working directory"}{(c.Commit is { } sha ? $" ({sha[..Math.Min(12, sha.Length)]})" : "")}").AppendLine();
        sb.Append(Inv, $"  machine   {c.Machine.Host}, {c.Machine.CpuModel}, {c.Machine.LogicalCpus} CPUs, pinned to {c.Machine.PinnedCpus}").AppendLine();
        sb.Append(Inv, $"  A/A       {c.ExperimentIds.Count} experiments x {c.TrialsPerVariant} trials per variant; "
            + $"default rules called {c.DefaultFalseAlarms} of them a change").AppendLine();
        sb.Append(Inv, $"  budget    {c.Budget} -> per-experiment false-positive rate {c.BudgetRate:0.######}").AppendLine().AppendLine();
        sb.AppendLine("metric                      n     median  sd(log)  robust sd  outliers  drift/100 trials");
        foreach (var m in c.Metrics)
        {
            var p = m.Profile;
            sb.Append(Inv, $"{m.Name,-24} {p.Count,5} {p.Median,10:0.0}  {p.LogSd,7:0.0000}  {p.LogMadSd,9:0.0000}  "
                + $"{p.OutlierShare,8:P1}  {p.TrendPctPer100Trials,+8:+0.00;-0.00}%").AppendLine();
        }

        if (c.Metrics.FirstOrDefault(m => m.Name == MetricCatalog.Ttfb)?.Threshold is { } t)
        {
            sb.AppendLine();
            sb.Append(Inv, $"Threshold for ttfb at {t.PerSide} trials per variant: {CalibratedRule.DetectorName(t.Detector)} "
                + $"beyond ±{t.Threshold:0.###} ({WireNames.Of(t.Source)} null tail)").AppendLine();
            sb.Append(Inv, $"  operating point: false-positive rate {t.Fpr:0.#####} (budget {t.Budget:0.#####}), "
                + $"detection {t.Tpr:P1} at a {t.DesignShift:P0} shift").AppendLine();
            sb.Append(Inv, $"  minimum detectable effect: {Pct(t.MinDetectableShift80)} (80% power), {Pct(t.MinDetectableShift90)} (90% power)").AppendLine();
            foreach (var candidate in t.Candidates)
            {
                sb.Append(Inv, $"  candidate {CalibratedRule.DetectorName(candidate.Detector),-16} threshold {candidate.Threshold,7:0.###}  "
                    + $"FPR {candidate.Fpr:0.#####}  detection at {t.DesignShift:P0}: {candidate.TprAtDesignShift:P1}").AppendLine();
            }

            sb.Append(Inv, $"  why: {t.Why}").AppendLine();
        }

        sb.AppendLine()
            .Append("A/B experiments of this workflow now use it (ailab ab ... --calibration auto, the default); ")
            .Append("it goes stale after 30 days or on another machine.").AppendLine();
        return sb.ToString();
    }

    public static string Json(Calibration c)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("calibration_id", c.Id);
            w.WriteString("workflow", c.Workflow.Name);
            w.WriteString("workflow_key", c.WorkflowKey);
            w.WriteString("created_at", c.CreatedAt);
            if (c.Commit is { } sha) w.WriteString("commit", sha);
            w.WriteStartArray("experiments");
            foreach (var id in c.ExperimentIds) w.WriteStringValue(id);
            w.WriteEndArray();
            w.WriteNumber("trials_per_variant", c.TrialsPerVariant);
            w.WriteString("budget", c.Budget);
            w.WriteNumber("budget_rate", c.BudgetRate);
            w.WriteNumber("default_false_alarms", c.DefaultFalseAlarms);
            w.WriteStartArray("metrics");
            foreach (var m in c.Metrics)
            {
                w.WriteStartObject();
                w.WriteString("name", m.Name);
                w.WriteNumber("n", m.Profile.Count);
                w.WriteNumber("median", m.Profile.Median);
                w.WriteNumber("sd_log", m.Profile.LogSd);
                w.WriteNumber("robust_sd_log", m.Profile.LogMadSd);
                w.WriteNumber("outlier_share", m.Profile.OutlierShare);
                w.WriteNumber("trend_pct_per_100_trials", m.Profile.TrendPctPer100Trials);
                if (m.Threshold is { } t)
                {
                    w.WriteStartObject("threshold");
                    w.WriteString("detector", CalibratedRule.DetectorName(t.Detector));
                    w.WriteNumber("threshold", t.Threshold);
                    w.WriteString("source", WireNames.Of(t.Source));
                    w.WriteNumber("fpr", t.Fpr);
                    w.WriteNumber("tpr", t.Tpr);
                    w.WriteNumber("design_shift_pct", t.DesignShift * 100);
                    if (t.MinDetectableShift90 is { } mde) w.WriteNumber("mde_pct_90", mde * 100); else w.WriteNull("mde_pct_90");
                    w.WriteString("why", t.Why);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string ListTable(IReadOnlyList<Calibration> all)
    {
        if (all.Count == 0) return "No calibrations yet. Run: ailab calibrate --rev REV --run CMD\n";
        var sb = new StringBuilder();
        foreach (var c in all)
        {
            var t = c.Metrics.FirstOrDefault(m => m.Name == MetricCatalog.Ttfb)?.Threshold;
            var threshold = t is null
                ? ""
                : string.Create(Inv, $"{CalibratedRule.DetectorName(t.Detector)} ±{t.Threshold:0.###}, MDE90 {Pct(t.MinDetectableShift90)}");
            sb.Append(Inv, $"{c.Id}  {c.CreatedAt:yyyy-MM-dd HH:mm}  {c.Workflow.Name,-16} n={c.TrialsPerVariant,-3} {threshold}")
                .AppendLine();
        }

        return sb.ToString();
    }

    public static string ListJson(IReadOnlyList<Calibration> all) =>
        "{\"calibrations\": [" + string.Join(",\n", all.Select(Json)) + "]}";

    private static string Pct(double? v) => v is { } x ? x.ToString("P1", Inv) : "beyond 100%";
}
