using System.Text.Json;
using AiLab.Core.Wire;
using AiLab.Notifications;
using AiLab.Core.Verdicts;
using AiLab.Lab.Bisection;

namespace AiLab.Cli.Rendering;

/// <summary>The JSON of <c>bisect --json</c> (and of each bisection inside <c>release --json</c>): snake_case, NaN as
/// null. The contract's fields (culprits with commit, author, subject, metric, phase, change_pct, ci_pct;
/// experiments; trials) come first.</summary>
internal static class BisectJson
{
    /// <summary>The whole document <c>bisect --json</c> prints.</summary>
    public static string Document(BisectResult result, IncidentBatch? incidents = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            Write(w, result, incidents);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the bisection as one JSON object.</summary>
    public static void Write(Utf8JsonWriter w, BisectResult result, IncidentBatch? incidents = null)
    {
        w.WriteStartObject();
        w.WriteStartArray("culprits");
        foreach (var c in result.Culprits) WriteCulprit(w, c);
        w.WriteEndArray();
        w.WriteNumber("experiments", result.Experiments);
        w.WriteNumber("trials", result.Trials);
        w.WriteString("status", WireNames.Of(result.Status));
        if (result.StatusReason is { } reason) w.WriteString("status_reason", reason);
        w.WriteString("good", result.Good);
        w.WriteString("bad", result.Bad);
        w.WriteString("metric", result.Metric);
        w.WriteNumber("commits", result.Commits);
        w.WriteNumber("wall_s", Math.Round(result.Elapsed.TotalSeconds, 1));
        w.WriteStartObject("budget");
        w.WriteNumber("per_culprit", result.BudgetPerCulprit);
        w.WriteNumber("allowed", result.BudgetPerCulprit * Math.Max(1, result.Culprits.Count));
        w.WriteEndObject();
        WriteRange(w, result);
        w.WriteStartArray("targets");
        foreach (var t in result.Targets) w.WriteStringValue(t);
        w.WriteEndArray();
        w.WriteStartArray("skipped");
        foreach (var s in result.Skipped)
        {
            w.WriteStartObject();
            w.WriteString("commit", s.Commit);
            w.WriteNumber("position", s.Position);
            w.WriteString("reason", s.Reason);
            Nullable(w, "experiment_id", s.ExperimentId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("unresolved");
        foreach (var u in result.Unresolved)
        {
            w.WriteStartObject();
            w.WriteString("metric", u.Metric);
            w.WriteString("from", u.From);
            w.WriteString("to", u.To);
            w.WriteStartArray("candidates");
            foreach (var c in u.Candidates) w.WriteStringValue(c);
            w.WriteEndArray();
            w.WriteString("reason", u.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("experiment_ids");
        foreach (var c in result.Comparisons) if (c.ExperimentId is { } id) w.WriteStringValue(id);
        w.WriteEndArray();
        w.WriteStartArray("notes");
        foreach (var n in result.Notes) w.WriteStringValue(n);
        w.WriteEndArray();
        w.WriteStartArray("incidents");
        foreach (var r in incidents?.Recorded ?? [])
        {
            w.WriteStartObject();
            w.WriteString("id", r.Incident.Id);
            w.WriteBoolean("new", r.IsNew);
            w.WriteString("commit", r.Incident.Culprit.Sha);
            w.WriteString("title", r.Incident.Title());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (incidents is not null) w.WriteNumber("notifications_pending", incidents.Notifications.StillPending);
        w.WriteEndObject();
    }

    private static void WriteCulprit(Utf8JsonWriter w, Culprit c)
    {
        w.WriteStartObject();
        w.WriteString("commit", c.Commit);
        Nullable(w, "author", c.Info?.Author);
        Nullable(w, "author_email", c.Info?.AuthorEmail);
        if (c.Info is { } info) w.WriteString("date", info.Date); else w.WriteNull("date");
        Nullable(w, "subject", c.Info?.Subject);
        w.WriteString("metric", c.Metric);
        Nullable(w, "phase", c.Phase);
        w.WriteString("verdict", c.Direction.ToWire());
        Number(w, "change_pct", c.MetricComparison?.ChangePct);
        Pair(w, "ci_pct", c.MetricComparison?.CiPct);
        Number(w, "diff", c.MetricComparison?.Diff);
        Pair(w, "ci_diff", c.MetricComparison?.CiDiff);
        Number(w, "phase_diff", c.Main.Comparison.Diff);
        Pair(w, "phase_ci_diff", c.Main.Comparison.CiDiff);
        w.WriteNumber("position", c.Position);
        w.WriteString("base_commit", c.Main.BaseCommit);
        Nullable(w, "experiment_id", c.Main.ExperimentId);
        w.WriteString("summary", c.Summary);
        if (c.DiffStat is { } stat)
        {
            w.WriteStartObject("diff_stat");
            w.WriteNumber("files_changed", stat.FilesChanged);
            w.WriteNumber("insertions", stat.Insertions);
            w.WriteNumber("deletions", stat.Deletions);
            w.WriteStartArray("files");
            foreach (var f in stat.Files) w.WriteStringValue(f);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("diff_stat");
        }

        w.WriteStartArray("effects");
        foreach (var e in c.Effects)
        {
            w.WriteStartObject();
            w.WriteString("metric", e.Metric);
            w.WriteString("verdict", e.Comparison.Verdict.ToWire());
            Number(w, "diff", e.Comparison.Diff);
            Pair(w, "ci_diff", e.Comparison.CiDiff);
            Number(w, "change_pct", e.Comparison.ChangePct);
            Pair(w, "ci_pct", e.Comparison.CiPct);
            w.WriteString("base_commit", e.BaseCommit);
            Nullable(w, "experiment_id", e.ExperimentId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRange(Utf8JsonWriter w, BisectResult result)
    {
        w.WriteStartObject("range");
        w.WriteString("verdict", result.RangeVerdict.ToWire());
        var r = result.RangeComparison;
        Nullable(w, "experiment_id", r?.ExperimentId);
        var m = r?.Metric(result.Metric);
        Number(w, "change_pct", m?.ChangePct);
        Pair(w, "ci_pct", m?.CiPct);
        Number(w, "diff", m?.Diff);
        Pair(w, "ci_diff", m?.CiDiff);
        w.WriteStartArray("phases_moved");
        var moved = r?.Verdict?.Metrics.Where(x =>
            Lab.Analysis.MetricCatalog.IsPhase(x.Name) && x.Verdict is Verdict.Regression or Verdict.Improvement);
        foreach (var p in moved ?? [])
            WriteMetric(w, p);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>One metric's comparison: name, verdict, change and intervals.</summary>
    public static void WriteMetric(Utf8JsonWriter w, MetricComparison m)
    {
        w.WriteStartObject();
        w.WriteString("name", m.Name);
        w.WriteString("unit", m.Unit.Symbol);
        w.WriteString("verdict", m.Verdict.ToWire());
        Number(w, "change_pct", m.ChangePct);
        Pair(w, "ci_pct", m.CiPct);
        Number(w, "diff", m.Diff);
        Pair(w, "ci_diff", m.CiDiff);
        Number(w, "p_value", m.PValue);
        Number(w, "a_median", m.A.Median);
        Number(w, "b_median", m.B.Median);
        w.WriteEndObject();
    }

    public static void Nullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }

    public static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, Math.Round(v, 3)); else w.WriteNull(name);
    }

    public static void Pair(Utf8JsonWriter w, string name, double[]? values)
    {
        if (values is null || values.Length != 2)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartArray(name);
        foreach (var v in values)
        {
            if (double.IsFinite(v)) w.WriteNumberValue(Math.Round(v, 3)); else w.WriteNullValue();
        }

        w.WriteEndArray();
    }
}
