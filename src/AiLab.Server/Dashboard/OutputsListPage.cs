using System.Globalization;
using System.Text;
using AiLab.Outputs.Comparing;

namespace AiLab.Server.Dashboard;

/// <summary>The stored model-output comparisons, newest first, each linking to its page.</summary>
internal static class OutputsListPage
{
    public static string Render(IReadOnlyList<ComparisonReport> comparisons)
    {
        var html = new StringBuilder();
        if (comparisons.Count == 0)
            html.Append("<p class=\"empty\">No model-output comparisons yet. ")
                .Append("Run one: <code>ailab outputs run DAG</code>.</p>");
        else Table(html, comparisons, null);
        return Layout.Page("Model outputs", "Outputs", html.ToString());
    }

    /// <summary>One row per comparison; <paramref name="current"/> is marked.</summary>
    public static void Table(StringBuilder html, IReadOnlyList<ComparisonReport> comparisons, string? current)
    {
        html.Append("<div class=\"scroll\"><table class=\"comparisons\"><thead><tr><th>comparison</th>")
            .Append("<th>created</th><th>DAG</th>")
            .Append("<th>baseline</th><th>candidate</th><th>AUROC change</th><th>verdict</th></tr></thead><tbody>");
        foreach (var c in comparisons)
        {
            var auroc = c.Overall.Delta("auroc");
            var mark = c.Id == current ? " aria-current=\"true\"" : "";
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"comparison\"{mark}><th scope=\"row\">")
                .Append(CultureInfo.InvariantCulture, $"<a href=\"/outputs/{Uri.EscapeDataString(c.Id)}\">")
                .Append(CultureInfo.InvariantCulture, $"{Html.E(c.Id)}</a></th>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.When(c.CreatedAt)}</td><td>{Html.E(c.Dag)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.E(c.Baseline.Name)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.E(c.Candidate.Name)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.N(auroc.Change, "+0.0000;-0.0000;0.0000")}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{OutputsPage.Ready(c.Passed)}</td></tr>");
        }

        html.Append("</tbody></table></div>");
    }
}
