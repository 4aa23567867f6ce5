using System.Globalization;
using System.Text;
using System.Text.Json;
using AiLab.Core.Verdicts;
using AiLab.Lab.Release;

namespace AiLab.Cli.Rendering;

/// <summary>The release report: per workflow the verdict, TTFB's effect and interval, the phases that moved, and the
/// culprits when bisected — as a table, or as the JSON of <c>release --json</c>.</summary>
internal static class ReleaseReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The table.</summary>
    public static string Table(ReleaseResult result)
    {
        var sb = new StringBuilder();
        var interrupted = result.Interrupted ? "  [interrupted]" : "";
        sb.Append(Inv, $"Release {BisectTable.Short(result.From)}..{BisectTable.Short(result.To)}: {result.Commits} commits, ")
            .Append(Inv, $"{result.Workflows.Count} workflow(s), metric {result.Metric}{interrupted}").AppendLine().AppendLine();
        var rows = new List<string[]> { new[] { "workflow", "verdict", $"{result.Metric} change (CI)", "difference", "phases that moved", "experiment" } };
        foreach (var w in result.Workflows)
        {
            var m = w.Comparison?.Metric(result.Metric);
            rows.Add([
                w.Workflow.Name,
                w.Failure is null ? w.Verdict.ToWire() : "failed",
                m is null ? "-" : $"{BisectTable.Pct(m.ChangePct)} {BisectTable.PctCi(m.CiPct)}",
                m is null ? "-" : string.Create(Inv, $"{m.Diff:+0.0;-0.0} {m.Unit}"),
                w.PhasesMoved.Count == 0 ? "-" : string.Join(", ", w.PhasesMoved.Select(p =>
                    string.Create(Inv, $"{p.Name[6..]} {p.Diff:+0.0;-0.0} {p.Unit} ({p.Verdict.ToWire()})"))),
                w.Comparison?.ExperimentId ?? "-",
            ]);
        }

        foreach (var row in BisectTable.Align(rows)) sb.Append("  ").Append(row).AppendLine();
        foreach (var w in result.Workflows.Where(w => w.Failure is not null))
            sb.AppendLine().Append(Inv, $"{w.Workflow.Name}: {w.Failure!.Split('\n')[0]}").AppendLine();
        foreach (var w in result.Workflows.Where(w => w.Bisection is not null))
        {
            sb.AppendLine().Append(Inv, $"{w.Workflow.Name}:").AppendLine();
            sb.Append(BisectTable.Render(w.Bisection!, "  "));
        }

        sb.AppendLine().Append(Inv, $"{result.Experiments} experiments, {result.Trials} trials in {BisectTable.Duration(result.Elapsed)}").AppendLine();
        return sb.ToString();
    }

    /// <summary>The document <c>release --json</c> prints.</summary>
    public static string Json(ReleaseResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("from", result.From);
            w.WriteString("to", result.To);
            w.WriteNumber("commits", result.Commits);
            w.WriteString("metric", result.Metric);
            w.WriteString("status", result.Interrupted ? "interrupted" : "completed");
            w.WriteStartArray("workflows");
            foreach (var wf in result.Workflows) WriteWorkflow(w, wf, result.Metric);
            w.WriteEndArray();
            w.WriteStartArray("culprits");
            foreach (var wf in result.Workflows)
            {
                foreach (var c in wf.Bisection?.Culprits ?? [])
                {
                    w.WriteStartObject();
                    w.WriteString("workflow", wf.Workflow.Name);
                    w.WriteString("commit", c.Commit);
                    BisectJson.Nullable(w, "author", c.Info?.Author);
                    BisectJson.Nullable(w, "subject", c.Info?.Subject);
                    BisectJson.Nullable(w, "phase", c.Phase);
                    w.WriteString("verdict", c.Direction.ToWire());
                    BisectJson.Number(w, "phase_diff", c.Main.Comparison.Diff);
                    w.WriteString("summary", c.Summary);
                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();
            w.WriteNumber("experiments", result.Experiments);
            w.WriteNumber("trials", result.Trials);
            w.WriteNumber("wall_s", Math.Round(result.Elapsed.TotalSeconds, 1));
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteWorkflow(Utf8JsonWriter w, WorkflowRelease wf, string metric)
    {
        w.WriteStartObject();
        w.WriteString("workflow", wf.Workflow.Name);
        w.WriteString("verdict", wf.Verdict.ToWire());
        BisectJson.Nullable(w, "failure", wf.Failure);
        BisectJson.Nullable(w, "experiment_id", wf.Comparison?.ExperimentId);
        if (wf.Comparison?.Verdict?.Confirmation is { } confirmation)
        {
            w.WriteStartObject("confirmation");
            w.WriteString("experiment_id", confirmation.ExperimentId);
            w.WriteBoolean("confirmed", confirmation.Confirmed);
            w.WriteString("reason", confirmation.Reason);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("confirmation");
        }

        w.WriteNumber("trials_per_variant", wf.Comparison?.TrialsPerVariant ?? 0);
        var m = wf.Comparison?.Metric(metric);
        BisectJson.Number(w, "change_pct", m?.ChangePct);
        BisectJson.Pair(w, "ci_pct", m?.CiPct);
        BisectJson.Number(w, "diff", m?.Diff);
        BisectJson.Pair(w, "ci_diff", m?.CiDiff);
        BisectJson.Nullable(w, "cause", wf.Comparison?.Verdict?.Cause);
        w.WriteStartArray("phases_moved");
        foreach (var p in wf.PhasesMoved) BisectJson.WriteMetric(w, p);
        w.WriteEndArray();
        w.WriteStartArray("metrics");
        foreach (var x in wf.Comparison?.Verdict?.Metrics ?? []) BisectJson.WriteMetric(w, x);
        w.WriteEndArray();
        w.WriteNumber("experiments", wf.Experiments);
        w.WriteNumber("trials", wf.Trials);
        if (wf.Bisection is { } b)
        {
            w.WritePropertyName("bisect");
            BisectJson.Write(w, b);
        }
        else
        {
            w.WriteNull("bisect");
        }

        w.WriteEndObject();
    }
}
