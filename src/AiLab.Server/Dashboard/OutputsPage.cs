using System.Globalization;
using System.Text;
using AiLab.Outputs.Comparing;

namespace AiLab.Server.Dashboard;

/// <summary>A model-output comparison: the ready-for-traffic verdict, both sides' ROC and PR curves overlaid, the
/// metric deltas with their paired intervals overall and per slice, the flipped examples, and the history of
/// comparisons of the same DAG (docs/outputs.md).</summary>
internal static class OutputsPage
{
    /// <summary>Most flipped examples the page lists (the store keeps up to 1,000; <c>outputs show</c> has
    /// them).</summary>
    public const int ShownFlips = 50;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(ComparisonReport r, IReadOnlyList<ComparisonReport> history)
    {
        var html = new StringBuilder();
        html.Append(Inv, $"<section class=\"verdict\" id=\"verdict\"><h2>Verdict: {Ready(r.Passed)}</h2>")
            .Append("<dl class=\"facts\">")
            .Append(Inv, $"<dt>DAG</dt><dd>{Html.E(r.Dag)} <code>{Html.E(r.DagFile)}</code></dd>")
            .Append(Inv, $"<dt>data set</dt><dd>{Identity(r.Dataset)}</dd>")
            .Append(Inv, $"<dt>baseline</dt><dd>{Identity(r.Baseline)}</dd>")
            .Append(Inv, $"<dt>candidate</dt><dd>{Identity(r.Candidate)}</dd>")
            .Append(Inv, $"<dt>examples</dt><dd>{r.Overall.Examples} ({r.Overall.Positives} positive), ")
            .Append(Inv, $"decisions at score ≥ {Html.N(r.Threshold, "0.###")}</dd>")
            .Append(Inv, $"<dt>created</dt><dd>{Html.When(r.CreatedAt)}</dd></dl>");
        var failed = r.Verdicts.Where(v => !v.Passed).ToList();
        if (failed.Count > 0)
        {
            html.Append("<ul class=\"notes failures\">")
                .Append(string.Concat(failed.Select(v => $"<li>✘ {Html.E(v.Reason)}</li>"))).Append("</ul>");
        }

        html.Append("</section>");
        Curves(html, r.Curves);
        html.Append("<section class=\"deltas\" id=\"overall\">")
            .Append("<h2>Metric deltas, all examples (candidate − baseline)</h2>");
        DeltaTable(html, [r.Overall], r.Verdicts);
        html.Append("</section>");
        if (r.Slices.Count > 0)
        {
            html.Append(Inv, $"<section class=\"deltas\" id=\"slices\"><h2>Per slice ({Html.E(r.SliceColumn)}), ")
                .Append(Inv, $"intervals at {Html.N(r.Slices[0].Confidence * 100, "0.##")}% (Bonferroni)</h2>");
            DeltaTable(html, r.Slices, r.Verdicts);
            html.Append("</section>");
        }

        Flips(html, r);
        History(html, r, history);
        return Layout.Page("Model outputs " + r.Id, "Outputs", html.ToString());
    }

    /// <summary>The badge of a comparison's outcome: a word and a symbol, readable without colour.</summary>
    public static string Ready(bool passed) => passed
        ? "<span class=\"badge improvement\">✔ ready for traffic</span>"
        : "<span class=\"badge regression\">✘ not ready</span>";

    private static string Identity(ArtifactIdentity a) => $"{Html.E(a.Name)} <code>{Html.E(a.Location)}</code>"
        + (a.Sha256 is { } sha ? $" sha256 <code>{Html.Short(sha)}</code>" : "");

    private static void Curves(StringBuilder html, ComparisonCurves? c)
    {
        if (c is null)
        {
            html.Append("<p class=\"empty\">This comparison was stored before curves were kept; ")
                .Append("run it again to see them.</p>");
            return;
        }

        html.Append("<section class=\"curves\"><h2>Both sides' curves, overlaid</h2><div class=\"grid\">");
        Curve(html, "roc-curves", "ROC: true-positive rate by false-positive rate", "false-positive rate",
            "true-positive rate", c.RocBaseline, c.RocCandidate);
        Curve(html, "pr-curves", "Precision–recall", "recall", "precision", c.PrBaseline, c.PrCandidate);
        html.Append("</div></section>");
    }

    private static void Curve(
        StringBuilder html, string id, string title, string x, string y, CurvePoints a, CurvePoints b)
    {
        var spec = new
        {
            kind = "curves", xLabel = x, yLabel = y,
            sides = new[] { new { name = "baseline", x = a.X, y = a.Y }, new { name = "candidate", x = b.X, y = b.Y } },
        };
        Html.Chart(html, id, title, spec, a.Count + b.Count);
    }

    private static void DeltaTable(
        StringBuilder html, IReadOnlyList<SliceComparison> slices, IReadOnlyList<MetricVerdict> verdicts)
    {
        html.Append("<div class=\"scroll\"><table><thead><tr><th>slice</th><th>metric</th><th>baseline</th>")
            .Append("<th>candidate</th><th>change [interval]</th><th>p</th><th>test</th><th>rule</th></tr>")
            .Append("</thead><tbody>");
        foreach (var s in slices)
        {
            foreach (var d in s.Deltas)
            {
                var verdict = verdicts.FirstOrDefault(v => v.Slice == s.Slice && v.Metric == d.Metric);
                var cls = verdict is { Passed: false } ? "delta failed" : "delta";
                var rule = verdict is null ? "–" : verdict.Passed ? "✔ pass" : "<strong>✘ fail</strong>";
                html.Append(Inv, $"<tr class=\"{cls}\" data-slice=\"{Html.E(s.Slice)}\" ")
                    .Append(Inv, $"data-metric=\"{Html.E(d.Metric)}\">")
                    .Append(Inv, $"<th scope=\"row\">{Html.E(s.Slice)}</th><td>{Html.E(d.Metric)}</td>")
                    .Append(Inv, $"<td>{Html.N(d.Baseline, "0.0000")}</td><td>{Html.N(d.Candidate, "0.0000")}</td>")
                    .Append(Inv, $"<td>{Signed(d.Change)} ")
                    .Append(double.IsNaN(d.Low) ? "" : $"[{Signed(d.Low)}, {Signed(d.High)}]")
                    .Append(Inv, $"</td><td>{Html.P(d.PValue)}</td><td>{Html.E(d.Test)}</td><td>{rule}</td></tr>");
            }
        }

        html.Append("</tbody></table></div>");
    }

    private static string Signed(double v) =>
        double.IsFinite(v) ? v.ToString("+0.0000;-0.0000;0.0000", Inv) : "–";

    private static void Flips(StringBuilder html, ComparisonReport r)
    {
        var agreement = r.Overall.Agreement;
        html.Append(Inv, $"<section id=\"flips\"><h2>Flipped examples: {agreement.Flips} ")
            .Append(Inv, $"({Html.N(agreement.FlipShare * 100, "0.##")}%), largest score change first</h2>");
        if (r.Flipped.Count == 0)
        {
            html.Append("<p class=\"empty\">No decision flipped.</p></section>");
            return;
        }

        html.Append("<div class=\"scroll\"><table><thead><tr><th>example</th><th>slice</th><th>label</th>")
            .Append("<th>baseline</th><th>candidate</th><th>now</th></tr></thead><tbody>");
        foreach (var f in r.Flipped.Take(ShownFlips))
        {
            var right = (f.CandidateScore >= r.Threshold) == f.Label;
            html.Append(Inv, $"<tr class=\"flip\"><th scope=\"row\"><code>{Html.E(f.Id)}</code></th>")
                .Append(Inv, $"<td>{Html.E(f.Slice)}</td><td>{(f.Label ? 1 : 0)}</td>")
                .Append(Inv, $"<td>{Html.N(f.BaselineScore, "0.0000")}</td>")
                .Append(Inv, $"<td>{Html.N(f.CandidateScore, "0.0000")}</td>")
                .Append(right ? "<td>✔ right</td>" : "<td>✘ wrong</td>").Append("</tr>");
        }

        html.Append("</tbody></table></div>");
        if (r.Flipped.Count > ShownFlips)
        {
            html.Append(Inv, $"<p class=\"hint\">{r.Flipped.Count - ShownFlips} more stored: ")
                .Append(Inv, $"<code>ailab outputs show {Html.E(r.Id)} --flips 1000</code></p>");
        }

        html.Append("</section>");
    }

    private static void History(StringBuilder html, ComparisonReport r, IReadOnlyList<ComparisonReport> history)
    {
        html.Append(Inv, $"<section id=\"history\"><h2>History of {Html.E(r.Dag)}: {history.Count} comparisons</h2>");
        var oldestFirst = history.Reverse().ToList();
        double?[] Auroc(Func<MetricDelta, double> side) =>
            [.. oldestFirst.Select(h => Finite(side(h.Overall.Delta("auroc"))))];
        var spec = new
        {
            kind = "line", unit = "AUROC",
            labels = oldestFirst.Select(h => h.Id).ToArray(),
            series = new[]
            {
                new { name = "baseline AUROC", values = Auroc(d => d.Baseline) },
                new { name = "candidate AUROC", values = Auroc(d => d.Candidate) },
            },
            links = oldestFirst.Select(h => "/outputs/" + Uri.EscapeDataString(h.Id)).ToArray(),
        };
        Html.Chart(html, "history-auroc", "AUROC of both sides, comparison by comparison (oldest left)", spec,
            spec.series[0].values.Count(v => v is not null));
        OutputsListPage.Table(html, history, r.Id);
        html.Append("</section>");
    }

    private static double? Finite(double v) => double.IsFinite(v) ? Math.Round(v, 4) : null;
}
