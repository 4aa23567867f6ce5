using System.Globalization;
using System.Text;
using AiLab.Core.Experiments;
using AiLab.Server.Bisections;
using AiLab.Server.Data;
using AiLab.Server.Views;

namespace AiLab.Server.Dashboard;

/// <summary>Home: each workflow's TTFB over its experiments with the phases stacked, regressions and improvements
/// marked (and listed, with links to their experiment and bisection), change points drawn (the lab's detector),
/// filterable by workflow and branch.</summary>
internal static class HomePage
{
    /// <summary>Workflows charted per page: a lab of a thousand workflows reads a page of them, not all.</summary>
    public const int WorkflowsPerPage = 20;

    /// <summary>The newest experiments charted per workflow.</summary>
    public const int PointsPerWorkflow = 100;

    public static async Task<string> RenderAsync(LabData data, string? workflow, string? branch, int? page = null)
    {
        // Only the workflows on this page are read (schema step 10's index), so the page's cost does not grow with
        // the number of experiments stored (docs/benchmarks.md, "Store load").
        var workflows = await data.WorkflowsAsync();
        var pages = Math.Max(1, (workflows.Count + WorkflowsPerPage - 1) / WorkflowsPerPage);
        var current = Math.Clamp(page ?? 1, 1, pages);
        var shown = workflow is { Length: > 0 }
            ? workflows.Where(w => w.Name == workflow).ToList()
            : workflows.Skip((current - 1) * WorkflowsPerPage).Take(WorkflowsPerPage).ToList();
        // Digests (schema step 11), not the documents: the page shows a few numbers of each experiment.
        var experiments = new List<ExperimentDigest>();
        foreach (var w in shown) experiments.AddRange(await data.DigestsAsync(w.Name, PointsPerWorkflow));
        var queued = ExperimentBranches.FromQueue(await data.Queue.ListAsync());
        var history = WorkflowHistory.Build(experiments, e => ExperimentBranches.Of(e, queued));
        var names = shown.Select(w => w.Name).ToHashSet(StringComparer.Ordinal);
        var incidents = (await data.IncidentsAsync()).Where(i => names.Contains(i.Workflow)).ToList();
        var bisections = BisectionAssembler.Assemble(incidents, experiments);
        var html = new StringBuilder();
        Filter(html, workflows.Select(w => w.Name), history, workflow, branch);
        if (history.Count == 0)
            html.Append("<p class=\"empty\">No A/B experiment with a verdict yet. Run <code>ailab ab</code> against this database.</p>");
        foreach (var (name, all) in history)
        {
            if (workflow is { Length: > 0 } && name != workflow) continue;
            var points = branch is { Length: > 0 } ? [.. all.Where(p => p.Branch == branch)] : all;
            if (points.Count == 0) continue;
            // Change points within the shown series: one branch's history when filtered, as ailab history finds them.
            // Kept between requests for the same points (ChangePointCache): detection reads every point's trials.
            var changes = await data.ChangePoints.GetAsync(name, branch, points, id => data.TrialsAsync(id));
            html.Append(CultureInfo.InvariantCulture, $"<section class=\"workflow\" data-workflow=\"{Html.E(name)}\"><h2>{Html.E(name)}</h2>");
            Html.Chart(html, "ttfb-" + name, $"TTFB of {name} per experiment (B's median, phases stacked, ms)",
                Spec(points, changes), points.Count);
            ChangePoints(html, points, changes);
            Changes(html, points, bisections);
            html.Append("</section>");
        }

        if (workflow is not { Length: > 0 } && pages > 1) Pager(html, current, pages, workflows.Count, branch);
        return Layout.Page("TTFB over time", "Home", html.ToString());
    }

    private static void Pager(StringBuilder html, int current, int pages, int workflows, string? branch)
    {
        var keep = branch is { Length: > 0 } ? "&branch=" + Uri.EscapeDataString(branch) : "";
        var first = ((current - 1) * WorkflowsPerPage) + 1;
        var last = Math.Min(current * WorkflowsPerPage, workflows);
        html.Append(CultureInfo.InvariantCulture,
            $"<nav class=\"pager\"><span>workflows {first}–{last} of {workflows}</span>");
        if (current > 1)
            html.Append(CultureInfo.InvariantCulture,
                $" <a rel=\"prev\" href=\"/?page={current - 1}{keep}\">← previous</a>");
        if (current < pages)
            html.Append(CultureInfo.InvariantCulture,
                $" <a rel=\"next\" href=\"/?page={current + 1}{keep}\">next →</a>");
        html.Append("</nav>");
    }

    private static void Filter(StringBuilder html, IEnumerable<string> workflows,
        IReadOnlyDictionary<string, IReadOnlyList<WorkflowPoint>> history, string? workflow, string? branch)
    {
        html.Append("<form class=\"filter\" method=\"get\" action=\"/\"><label>Workflow <select name=\"workflow\">")
            .Append("<option value=\"\">all workflows</option>");
        foreach (var name in workflows)
            html.Append(CultureInfo.InvariantCulture,
                $"<option value=\"{Html.E(name)}\"{(name == workflow ? " selected" : "")}>{Html.E(name)}</option>");
        html.Append("</select></label> <label>Branch <select name=\"branch\"><option value=\"\">all branches</option>");
        var branches = history.Values.SelectMany(p => p).Select(p => p.Branch ?? ExperimentBranches.AdHoc)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var name in branches)
            html.Append(CultureInfo.InvariantCulture,
                $"<option value=\"{Html.E(name)}\"{(name == branch ? " selected" : "")}>{Html.E(name)}</option>");
        html.Append("</select></label> <button type=\"submit\">Filter</button></form>");
    }

    private static void ChangePoints(StringBuilder html, IReadOnlyList<WorkflowPoint> points,
        IReadOnlyList<ChangePointMark> changes)
    {
        if (changes.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture,
                    $"<p class=\"empty change-points\">No change point in these {points.Count} experiments ")
                .Append("(the lab's detector, as ailab history).</p>");
            return;
        }

        html.Append("<div class=\"scroll\"><table class=\"change-points\"><caption>Change points ")
            .Append("(◆, dashed line on the chart; E-divisive, confirmed by a permutation test of the trials)</caption>")
            .Append("<thead><tr><th>#</th><th>level</th>")
            .Append("<th>change</th><th>p</th><th>first experiment of the new level</th></tr></thead><tbody>");
        foreach (var c in changes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"change-point\"><td>{c.Index + 1}</td>")
                .Append(CultureInfo.InvariantCulture,
                    $"<td>{Html.N(c.MeanBeforeMs)} → {Html.N(c.MeanAfterMs)} ms</td><td>◆ {Html.Pct(c.ChangePct)}</td>")
                .Append(CultureInfo.InvariantCulture,
                    $"<td>{Html.P(c.PValue)}</td><td><code>{Html.Short(c.Commit)}</code> ")
                .Append(CultureInfo.InvariantCulture,
                    $"<a href=\"/experiments/{Html.E(c.ExperimentId)}\">{Html.E(c.ExperimentId)}</a></td></tr>");
        }

        html.Append("</tbody></table></div>");
    }

    private static object Spec(IReadOnlyList<WorkflowPoint> points, IReadOnlyList<ChangePointMark> changes)
    {
        var phaseNames = points.SelectMany(p => p.Phases.Select(f => f.Phase)).Distinct(StringComparer.Ordinal).ToList();
        return new
        {
            kind = "stacked",
            unit = "ms",
            labels = points.Select(p => Html.Short(p.Commit)).ToArray(),
            links = points.Select(p => "/experiments/" + p.ExperimentId).ToArray(),
            verdicts = points.Select(p => p.Verdict).ToArray(),
            ttfb = points.Select(p => Math.Round(p.TtfbMs, 2)).ToArray(),
            // 1-based x of each change point's first new-level point, with the label drawn beside its line.
            changes = changes.Select(c => new { x = c.Index + 1, label = "◆ " + Html.Pct(c.ChangePct) }).ToArray(),
            phases = phaseNames.Select(phase => new
            {
                name = phase,
                values = points.Select(p => Math.Round(p.Phases.FirstOrDefault(f => f.Phase == phase)?.Ms ?? 0, 2)).ToArray(),
            }).ToArray(),
        };
    }

    private static void Changes(StringBuilder html, IReadOnlyList<WorkflowPoint> points, IReadOnlyList<Bisection> bisections)
    {
        var changes = points.Select((p, i) => (Point: p, Index: i + 1))
            .Where(x => x.Point.Verdict is "regression" or "improvement").Reverse().ToList();
        if (changes.Count == 0)
        {
            html.Append("<p class=\"empty\">No regression or improvement in these experiments.</p>");
            return;
        }

        html.Append("<div class=\"scroll\"><table class=\"changes\"><caption>Regressions and improvements (newest first)</caption><thead><tr>")
            .Append("<th>#</th><th>verdict</th><th>A → B</th><th>B's TTFB</th><th>experiment</th><th>bisection</th></tr></thead><tbody>");
        foreach (var (p, index) in changes)
        {
            var bisection = bisections.FirstOrDefault(b => b.Steps.Any(s => s.ExperimentId == p.ExperimentId));
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"change {p.Verdict}\"><td>{index}</td><td>{Html.Verdict(p.Verdict)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><code>{Html.Short(p.BaseCommit)}</code> → <code>{Html.Short(p.Commit)}</code></td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.N(p.TtfbMs)} ms</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><a class=\"experiment-link\" href=\"/experiments/{Html.E(p.ExperimentId)}\">")
                .Append(Html.E(p.ExperimentId)).Append("</a></td><td>")
                .Append(bisection is null ? "—" : $"<a class=\"bisection-link\" href=\"/bisections/{bisection.Id}\">{bisection.Id}</a>")
                .Append("</td></tr>");
        }

        html.Append("</tbody></table></div>");
    }
}
