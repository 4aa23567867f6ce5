using System.Globalization;
using System.Text;
using AiLab.Core.Experiments;
using AiLab.Core.Verdicts;
using AiLab.Core.Wire;
using AiLab.Lab.Analysis;

namespace AiLab.Server.Dashboard;

/// <summary>An experiment: the verdict with its evidence, A and B strip plots per metric, the phase breakdown side by
/// side, and the trials with their logs.</summary>
internal static class ExperimentPage
{
    public static string Render(Experiment e, IReadOnlyList<TrialRecord> trials)
    {
        var html = new StringBuilder();
        var verdict = e.Verdict;
        html.Append("<dl class=\"facts\">")
            .Append(CultureInfo.InvariantCulture,
                $"<dt>workflow</dt><dd><a href=\"/?workflow={Uri.EscapeDataString(e.Workflow.Name)}\">")
            .Append(CultureInfo.InvariantCulture,
                $"{Html.E(e.Workflow.Name)}</a> <code>{Html.E(e.Workflow.Run)}</code></dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>status</dt><dd>{Html.E(WireNames.Of(e.Status))} {Html.E(e.StatusReason)}</dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>created</dt><dd>{Html.When(e.CreatedAt)}</dd>");
        foreach (var v in e.Variants)
        {
            var commit = e.Commits.GetValueOrDefault(v.Label);
            html.Append(CultureInfo.InvariantCulture, $"<dt>{Html.E(v.Label)} ({(v.Label == "A" ? "baseline" : "candidate")})</dt>")
                .Append(CultureInfo.InvariantCulture, $"<dd>{Html.E(v.Revision ?? "working directory")} <code>{Html.Short(commit)}</code></dd>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<dt>trials</dt><dd>{e.TrialsPerVariant} per variant + {e.WarmupPerVariant} warm-up</dd></dl>");
        if (verdict is null)
        {
            html.Append("<p class=\"empty\">No verdict yet.</p>");
        }
        else
        {
            Evidence(html, verdict);
            Strips(html, e, trials, verdict);
            PhaseBreakdown(html, verdict);
            MetricTable(html, verdict);
        }

        ProfileFindingsSection.Render(html, e.Profile);

        TrialLog.Render(html, trials);
        return Layout.Page("Experiment " + e.Id, "", html.ToString());
    }

    private static void Evidence(StringBuilder html, ExperimentVerdict v)
    {
        html.Append("<section class=\"verdict\" id=\"verdict\"><h2>Verdict: ").Append(Html.Verdict(v.Overall.ToWire())).Append("</h2><dl class=\"facts\">");
        if (v.Basis is { } b)
        {
            Fact(html, "test", $"<code>{Html.E(WireNames.Of(b.Test))}</code> (rule <code>{Html.E(b.Rule)}</code>)");
            Fact(html, "decided by", Html.E(b.DecidedBy ?? "nothing: no change was decided"));
            Fact(html, "p (Welch, log)", Html.P(b.PValue));
            Fact(html, "statistic / threshold", $"{Html.N(b.Statistic, "0.###")} / {Html.N(b.Threshold, "0.###")}");
            Fact(html, "threshold source", Html.E(b.ThresholdSource) + (b.CalibrationId is { } c ? $" (calibration <code>{Html.E(c)}</code>)" : ""));
            Fact(html, "family", $"{b.FamilySize} hypotheses at α = {Html.N(b.FamilyAlpha, "0.####")} (Holm)");
            Fact(html, "TTFB change", $"{Html.Pct(b.TtfbChangePct)} {Html.Interval(b.TtfbCiPct)}");
            Fact(html, "trials used", $"A {b.TrialsA}, B {b.TrialsB}");
            if (b.Summary is { } s) Fact(html, "why", Html.E(s));
            if (b.CalibrationNote is { } n) Fact(html, "calibration note", Html.E(n));
        }

        if (v.Confirmation is { } conf)
        {
            Fact(html, "confirmation", (conf.Confirmed ? "✔ confirmed" : "✘ not confirmed")
                + $" by <a href=\"/experiments/{Html.E(conf.ExperimentId)}\">{Html.E(conf.ExperimentId)}</a>: "
                + $"{Html.Pct(conf.ChangePct)} {Html.Interval(conf.CiPct)} — {Html.E(conf.Reason)}");
        }
        else
        {
            Fact(html, "confirmation", "none (not asked for, or not needed)");
        }

        html.Append("</dl>");
        if (v.Notes.Count > 0)
            html.Append("<ul class=\"notes\">").Append(string.Concat(v.Notes.Select(n => $"<li>{Html.E(n)}</li>"))).Append("</ul>");
        html.Append("</section>");
    }

    private static void Strips(StringBuilder html, Experiment e, IReadOnlyList<TrialRecord> trials, ExperimentVerdict v)
    {
        html.Append("<section class=\"strips\"><h2>A and B, trial by trial</h2><div class=\"grid\">");
        var measured = trials.Where(t => !t.IsWarmup && t.Result.Succeeded).Select(t => (t.Variant, Values: MetricCatalog.Extract(t.Result))).ToList();
        var labels = e.Variants.Select(x => x.Label).ToList();
        foreach (var metric in v.Metrics)
        {
            var a = measured
                .Where(t => labels.Count > 0 && t.Variant == labels[0] && t.Values.ContainsKey(metric.Name))
                .Select(t => Math.Round(t.Values[metric.Name], 3)).ToArray();
            var b = measured
                .Where(t => labels.Count > 1 && t.Variant == labels[1] && t.Values.ContainsKey(metric.Name))
                .Select(t => Math.Round(t.Values[metric.Name], 3)).ToArray();
            var spec = new { kind = "strip", unit = metric.Unit, metric = metric.Name, a, b, verdict = metric.Verdict.ToWire() };
            Html.Chart(html, "strip-" + metric.Name.Replace(':', '-'),
                $"{metric.Name} ({metric.Unit}): {metric.Verdict.ToWire()} {Html.Pct(metric.ChangePct)}", spec, a.Length + b.Length);
        }

        html.Append("</div></section>");
    }

    private static void PhaseBreakdown(StringBuilder html, ExperimentVerdict v)
    {
        var phases = v.Metrics.Where(m => MetricCatalog.IsPhase(m.Name)).ToList();
        if (phases.Count == 0) return;
        var max = phases.Max(m => Math.Max(m.A.Median, m.B.Median));
        html.Append("<section class=\"phases\"><h2>Phase breakdown, A beside B (medians)</h2>")
            .Append("<div class=\"scroll\"><table><thead><tr><th>phase</th><th>A</th><th>B</th><th>change</th>")
            .Append("<th>verdict</th></tr></thead><tbody>");
        foreach (var m in phases)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{Html.E(m.Name[MetricCatalog.PhasePrefix.Length..])}</th>")
                .Append(Bar("a", m.A.Median, max)).Append(Bar("b", m.B.Median, max))
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.Pct(m.ChangePct)} {Html.Interval(m.CiPct)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.Verdict(m.Verdict.ToWire())}</td></tr>");
        }

        html.Append("</tbody></table></div></section>");
    }

    private static string Bar(string side, double ms, double max)
    {
        var width = max > 0 && double.IsFinite(ms) ? Math.Clamp(ms / max * 100, 0, 100) : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"<td><span class=\"bar {side}\" style=\"width:{width:0.#}%\"></span>"
            + $"<span class=\"bar-label\">{side.ToUpperInvariant()} {Html.N(ms)} ms</span></td>");
    }

    private static void MetricTable(StringBuilder html, ExperimentVerdict v)
    {
        html.Append("<section class=\"metrics\"><h2>Every metric</h2><div class=\"scroll\"><table><thead><tr><th>metric</th><th>A median</th><th>B median</th>")
            .Append("<th>change [CI]</th><th>p test</th><th>p rank</th><th>p Holm</th><th>verdict</th><th>reason</th></tr></thead><tbody>");
        foreach (var m in v.Metrics)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{Html.E(m.Name)}</th>")
                .Append(CultureInfo.InvariantCulture,
                    $"<td>{Html.N(m.A.Median)} {m.Unit}</td><td>{Html.N(m.B.Median)} {m.Unit}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.Pct(m.ChangePct)} {Html.Interval(m.CiPct)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.P(m.PValue)}</td><td>{Html.P(m.RankP)}</td>")
                .Append(CultureInfo.InvariantCulture,
                    $"<td>{Html.P(m.AdjustedP)}</td><td>{Html.Verdict(m.Verdict.ToWire())}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.E(m.Reason)}</td></tr>");
        }

        html.Append("</tbody></table></div></section>");
    }

    private static void Fact(StringBuilder html, string term, string definitionHtml) =>
        html.Append("<dt>").Append(Html.E(term)).Append("</dt><dd>").Append(definitionHtml).Append("</dd>");
}
