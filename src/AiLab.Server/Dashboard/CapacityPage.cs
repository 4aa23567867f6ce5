using System.Globalization;
using System.Text;
using AiLab.Lab.Capacity;
using AiLab.Server.Api;
using AiLab.Server.Views;

namespace AiLab.Server.Dashboard;

/// <summary>Capacity: CPU seconds spent per tier and per workflow over time (the capacity ledger), with the totals
/// and what stopping trials after their marks saved.</summary>
internal static class CapacityPage
{
    /// <summary>Default window, days back from now.</summary>
    public const int DefaultDays = 30;

    public static string Render(CapacityLedger ledger, int? days, DateTimeOffset now)
    {
        // A page clamps instead of refusing: the select offers only valid windows, a hand-typed one still shows.
        var window = Math.Clamp(days ?? DefaultDays, 1, 3660);
        var since = now - TimeSpan.FromDays(window);
        var series = CapacitySeries.Of(ledger.Trials(since));
        var report = ledger.Report(since, null, now);
        var html = new StringBuilder();
        html.Append("<form class=\"filter\" method=\"get\" action=\"/capacity\"><label>Last <select name=\"days\">");
        foreach (var d in new[] { 1, 7, 30, 90, 365 })
            html.Append(CultureInfo.InvariantCulture,
                $"<option value=\"{d}\"{(d == window ? " selected" : "")}>{d} day{(d == 1 ? "" : "s")}</option>");
        html.Append("</select></label> <button type=\"submit\">Show</button></form>");
        if (series.Starts.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"empty\">No trial in the last {window} days.</p>");
            return Layout.Page("Capacity", "Capacity", html.ToString());
        }

        html.Append(CultureInfo.InvariantCulture,
            $"<p>{report.Total.Trials} trials of {report.Total.Experiments} experiments: ")
            .Append(CultureInfo.InvariantCulture,
                $"{Html.N(report.Total.CpuSeconds)} CPU s, {Html.N(report.Total.WallSeconds)} wall s, ")
            .Append(CultureInfo.InvariantCulture,
                $"{Html.N(report.Total.GpuSeconds)} GPU s; one point per {series.Bucket} (UTC) with spend.</p>");
        Chart(html, "capacity-tier", "CPU seconds per tier per " + series.Bucket, series, series.ByTier);
        Table(html, "Per tier", report.ByTier);
        Chart(html, "capacity-workflow", "CPU seconds per workflow per " + series.Bucket, series, series.ByWorkflow);
        Table(html, "Per workflow", report.ByWorkflow);
        return Layout.Page("Capacity", "Capacity", html.ToString());
    }

    private static void Chart(StringBuilder html, string id, string title, CapacitySeries series,
        IReadOnlyList<CapacitySeries.Line> lines)
    {
        var spec = new
        {
            kind = "line",
            unit = "CPU s",
            countAll = true,
            labels = series.Starts.Select(series.Label).ToArray(),
            xLabels = series.Starts.Select(series.Label).ToArray(),
            series = lines.Select(l => new { name = l.Name, values = l.CpuSeconds.ToArray() }).ToArray(),
        };
        Html.Chart(html, id, title, spec, lines.Sum(l => l.CpuSeconds.Count(v => v is not null)));
    }

    private static void Table(StringBuilder html, string caption, IReadOnlyList<CapacitySpend> rows)
    {
        html.Append(CultureInfo.InvariantCulture,
            $"<div class=\"scroll\"><table class=\"capacity\"><caption>{Html.E(caption)}</caption>")
            .Append("<thead><tr><th></th><th>experiments</th><th>trials</th><th>failed</th><th>CPU s</th>")
            .Append("<th>wall s</th>")
            .Append("<th>GPU s</th><th>saved by stopping (CPU s)</th></tr></thead><tbody>");
        foreach (var r in rows)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><th scope=\"row\">{Html.E(r.Key)}</th><td>{r.Experiments}</td><td>{r.Trials}</td>")
                .Append(CultureInfo.InvariantCulture,
                    $"<td>{r.FailedTrials}</td><td>{Html.N(r.CpuSeconds)}</td><td>{Html.N(r.WallSeconds)}</td>")
                .Append(CultureInfo.InvariantCulture,
                    $"<td>{Html.N(r.GpuSeconds)}</td>")
                .Append(r.Saved.CpuSeconds is { } s ? $"<td>{Html.N(s)}</td></tr>" : "<td>unknown</td></tr>");
        }

        html.Append("</tbody></table></div>");
    }
}
