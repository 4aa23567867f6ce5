using System.Globalization;
using System.Text;
using AiLab.Core.Calibrations;
using AiLab.Core.Incidents;
using AiLab.Core.Wire;
using AiLab.Server.Api;
using AiLab.Server.Bisections;

namespace AiLab.Server.Dashboard;

/// <summary>The list pages: incidents (with triage buttons that call the API with the browser's token),
/// bisections, and calibrations (each workflow's noise over time).</summary>
internal static class ListPages
{
    private static readonly (string Action, string Label)[] TriageActions =
        [("acknowledge", "Acknowledge"), ("invalid", "Mark invalid"), ("resolve", "Resolved"), ("reopen", "Reopen")];

    public static string Incidents(IReadOnlyList<Incident> incidents)
    {
        var html = new StringBuilder();
        if (incidents.Count == 0) html.Append("<p class=\"empty\">No incidents.</p>");
        html.Append("<p class=\"hint\">Triage needs an API token (<code>ailab token create</code>): ")
            .Append("paste it under “API token” above.</p>")
            .Append("<p id=\"triage-result\" role=\"status\" aria-live=\"polite\"></p>");
        foreach (var i in incidents)
        {
            var s = IncidentsApi.Summary(i);
            html.Append(CultureInfo.InvariantCulture,
                    $"<article class=\"incident\" id=\"{Html.E(i.Id)}\" data-status=\"{s.Status}\">")
                .Append(CultureInfo.InvariantCulture, $"<h2>{Html.E(i.Title())}</h2>")
                .Append(CultureInfo.InvariantCulture,
                    $"<p>status: <strong class=\"status\">{Html.E(s.Status)}</strong> · {Html.When(i.CreatedAt)}")
                .Append(CultureInfo.InvariantCulture, $" · culprit <code>{Html.Short(i.Culprit.Sha)}</code>")
                .Append(CultureInfo.InvariantCulture,
                    $" by {Html.E(i.Culprit.AuthorName)}: {Html.E(i.Culprit.Subject)}</p>")
                .Append(CultureInfo.InvariantCulture,
                    $"<p><a class=\"bisection-link\" href=\"/bisections/{s.Bisection}\">bisection</a>");
            foreach (var ev in i.Evidence)
                html.Append(CultureInfo.InvariantCulture, $" · <a href=\"/experiments/{Html.E(ev.ExperimentId)}\">")
                    .Append(CultureInfo.InvariantCulture, $"{Html.E(WireNames.Of(ev.Role))} experiment</a>");
            html.Append("</p><div class=\"triage\">");
            foreach (var (action, label) in TriageActions)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<button type=\"button\" data-incident=\"{Html.E(i.Id)}\" data-action=\"{action}\">{label}</button>");
            }
            html.Append("</div></article>");
        }

        return Layout.Page("Incidents", "Incidents", html.ToString());
    }

    public static string Bisections(IReadOnlyList<Bisection> bisections)
    {
        var html = new StringBuilder();
        if (bisections.Count == 0) html.Append("<p class=\"empty\">No bisection has found a culprit yet.</p>");
        html.Append("<ul class=\"bisections\">");
        foreach (var b in bisections)
        {
            var culprits = string.Join(", ", b.Culprits.Select(c => $"<code>{Html.Short(c.Culprit.Sha)}</code>"));
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/bisections/{b.Id}\">{b.Id}</a> {Html.E(b.Workflow)}: ")
                .Append(CultureInfo.InvariantCulture,
                    $"<code>{Html.Short(b.Range.Good)}</code> … <code>{Html.Short(b.Range.Bad)}</code>, ")
                .Append(CultureInfo.InvariantCulture,
                    $"{b.Steps.Count} steps, culprit{(b.Culprits.Count == 1 ? "" : "s")} {culprits}</li>");
        }

        return Layout.Page("Bisections", "Bisections", html.Append("</ul>").ToString());
    }

    public static string Calibrations(IReadOnlyList<Calibration> calibrations)
    {
        var html = new StringBuilder();
        if (calibrations.Count == 0)
            html.Append("<p class=\"empty\">No calibrations yet. Run <code>ailab calibrate</code>.</p>");
        var groups = calibrations.GroupBy(c => c.Workflow.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var ordered = group.OrderBy(c => c.CreatedAt).Select(CalibrationsApi.Summary).ToList();
            var metrics = ordered.SelectMany(c => c.Metrics.Select(m => m.Name)).Distinct(StringComparer.Ordinal).ToList();
            html.Append(CultureInfo.InvariantCulture, $"<section class=\"workflow\"><h2>{Html.E(group.Key)}</h2>");
            Html.Chart(html, "noise-" + group.Key, $"Noise of {group.Key} per calibration (robust sd of log values, %)", new
            {
                kind = "line",
                unit = "%",
                labels = ordered.Select(c => Html.When(c.CreatedAt)).ToArray(),
                links = ordered.Select(c => "/api/v1/calibrations/" + c.Id).ToArray(),
                series = metrics.Select(name => new
                {
                    name,
                    values = ordered.Select(c => c.Metrics.FirstOrDefault(m => m.Name == name)?.NoisePct is { } v
                        ? Math.Round(v, 3)
                        : (double?)null).ToArray(),
                }).ToArray(),
            }, ordered.Count);
            html.Append("<div class=\"scroll\"><table><thead><tr><th>calibration</th><th>when</th><th>commit</th>")
                .Append("<th>budget</th><th>TTFB noise</th><th>threshold</th></tr></thead><tbody>");
            foreach (var c in ordered.AsEnumerable().Reverse())
            {
                var ttfb = c.Metrics.FirstOrDefault(m => m.Name == "ttfb");
                var noise = ttfb?.NoisePct is { } n ? Html.N(n, "0.00") + "%" : "–";
                var threshold = ttfb?.Threshold is { } t ? Html.N(t, "0.###") + " " + Html.E(ttfb.Detector) : "–";
                html.Append(CultureInfo.InvariantCulture,
                        $"<tr><td><a href=\"/api/v1/calibrations/{Html.E(c.Id)}\">{Html.E(c.Id)}</a></td>")
                    .Append(CultureInfo.InvariantCulture,
                        $"<td>{Html.When(c.CreatedAt)}</td><td><code>{Html.Short(c.Commit)}</code></td>")
                    .Append(CultureInfo.InvariantCulture,
                        $"<td>{Html.E(c.Budget)}</td><td>{noise}</td><td>{threshold}</td></tr>");
            }

            html.Append("</tbody></table></div></section>");
        }

        return Layout.Page("Calibrations", "Calibrations", html.ToString());
    }
}
