using System.Globalization;
using System.Text;
using AiLab.Core.Verdicts;
using AiLab.Core.Wire;
using AiLab.Server.Bisections;

namespace AiLab.Server.Dashboard;

/// <summary>A bisection: the range with the culprits marked, each step's verdict, the culprits with author, subject
/// and diff stat, and their incidents.</summary>
internal static class BisectionPage
{
    public static string Render(Bisection b)
    {
        var html = new StringBuilder();
        html.Append("<dl class=\"facts\">")
            .Append(CultureInfo.InvariantCulture, $"<dt>workflow</dt><dd>{Html.E(b.Workflow)}</dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>repository</dt><dd><code>{Html.E(b.Repository)}</code></dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>range</dt><dd>good <code>{Html.Short(b.Range.Good)}</code>")
            .Append(CultureInfo.InvariantCulture,
                $" … bad <code>{Html.Short(b.Range.Bad)}</code> ({b.Commits.Count} commits)</dd></dl>");
        if (b.Note is { } note) html.Append("<p class=\"note\">").Append(Html.E(note)).Append("</p>");

        html.Append("<section class=\"culprits\"><h2>Culprits</h2>");
        foreach (var i in b.Culprits)
        {
            var phase = i.Phase is null ? "" : " (" + Html.E(i.Phase) + ")";
            html.Append(CultureInfo.InvariantCulture, $"<article class=\"culprit\" id=\"{Html.E(i.Id)}\">")
                .Append(CultureInfo.InvariantCulture,
                    $"<h3><code>{Html.Short(i.Culprit.Sha)}</code> {Html.E(i.Culprit.Subject)}</h3>")
                .Append(CultureInfo.InvariantCulture,
                    $"<p>by <span class=\"author\">{Html.E(i.Culprit.AuthorName)}</span> ")
                .Append(CultureInfo.InvariantCulture, $"&lt;{Html.E(i.Culprit.AuthorEmail)}&gt; — ")
                .Append(CultureInfo.InvariantCulture,
                    $"{Html.E(i.Metric)}{phase} {Html.Pct(i.Change.ChangePct)} {Html.Interval(i.Change.CiPct)}; ")
                .Append(CultureInfo.InvariantCulture,
                    $"incident <a href=\"/incidents#{Html.E(i.Id)}\">{Html.E(i.Id)}</a> ")
                .Append(CultureInfo.InvariantCulture, $"({Html.E(WireNames.Of(i.Status))})</p>");
            if (i.Culprit.DiffStat is { } stat)
                html.Append("<pre class=\"diffstat\">").Append(Html.E(stat)).Append("</pre>");
            html.Append("<ul class=\"evidence\">");
            foreach (var ev in i.Evidence)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{Html.E(WireNames.Of(ev.Role))}: ")
                    .Append(CultureInfo.InvariantCulture,
                        $"<a href=\"/experiments/{Html.E(ev.ExperimentId)}\">{Html.E(ev.ExperimentId)}</a> ")
                    .Append(CultureInfo.InvariantCulture,
                        $"{Html.Verdict(ev.Verdict.ToWire())} {Html.E(ev.Reason)}</li>");
            }
            html.Append("</ul></article>");
        }

        html.Append("</section>");
        Range(html, b);
        Steps(html, b);
        return Layout.Page("Bisection " + b.Id, "Bisections", html.ToString());
    }

    private static void Range(StringBuilder html, Bisection b)
    {
        if (b.Commits.Count == 0) return;
        var culprits = b.Culprits.Select(i => i.Culprit.Sha).ToHashSet(StringComparer.Ordinal);
        html.Append("<section class=\"range\"><h2>The range, oldest first</h2><ol class=\"commits\">")
            .Append(CultureInfo.InvariantCulture,
                $"<li class=\"good\"><code>{Html.Short(b.Range.Good)}</code> good (start)</li>");
        foreach (var sha in b.Commits)
        {
            var culprit = culprits.Contains(sha);
            html.Append(CultureInfo.InvariantCulture, $"<li{(culprit ? " class=\"culprit\"" : "")}>")
                .Append(CultureInfo.InvariantCulture, $"<code>{Html.Short(sha)}</code>")
                .Append(culprit ? " ◀ culprit" : "").Append("</li>");
        }

        html.Append("</ol></section>");
    }

    private static void Steps(StringBuilder html, Bisection b)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"steps\"><h2>Steps ({b.Steps.Count})</h2>");
        Html.Chart(html, "bisection-steps", "TTFB change of each step, in the order they ran (%)", new
        {
            kind = "line",
            unit = "%",
            labels = b.Steps.Select((s, i) => $"{i + 1}").ToArray(),
            links = b.Steps.Select(s => "/experiments/" + s.ExperimentId).ToArray(),
            series = new[]
            {
                new
                {
                    name = "TTFB change %",
                    values = b.Steps.Select(s =>
                        double.IsFinite(s.TtfbChangePct) ? Math.Round(s.TtfbChangePct, 2) : (double?)null).ToArray(),
                },
            },
        }, b.Steps.Count(s => double.IsFinite(s.TtfbChangePct)));
        html.Append("<div class=\"scroll\"><table><thead><tr><th>#</th><th>A → B</th><th>verdict</th>")
            .Append("<th>TTFB change</th><th>experiment</th><th>why</th></tr></thead><tbody>");
        var n = 0;
        foreach (var s in b.Steps)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"step\"><td>{++n}</td>")
                .Append(CultureInfo.InvariantCulture,
                    $"<td><code>{Html.Short(s.BaseCommit)}</code> → ")
                .Append(CultureInfo.InvariantCulture, $"<code>{Html.Short(s.CandidateCommit)}</code></td>")
                .Append(CultureInfo.InvariantCulture,
                    $"<td>{Html.Verdict(s.Verdict)}</td><td>{Html.Pct(s.TtfbChangePct)}</td>")
                .Append(CultureInfo.InvariantCulture,
                    $"<td><a href=\"/experiments/{Html.E(s.ExperimentId)}\">{Html.E(s.ExperimentId)}</a></td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.E(s.Reason)}</td></tr>");
        }

        html.Append("</tbody></table></div></section>");
    }
}
