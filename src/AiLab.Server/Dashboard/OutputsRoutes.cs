using AiLab.Server.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AiLab.Server.Dashboard;

/// <summary>The model-output pages: <c>/outputs</c> (every comparison) and <c>/outputs/{id}</c> (one, with its
/// DAG's history).</summary>
internal static class OutputsRoutes
{
    /// <summary>Most comparisons the list page and a history read.</summary>
    public const int Limit = 200;

    public static void MapOutputsPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/outputs", async (LabData data) =>
                Page(OutputsListPage.Render(await data.OutputComparisonsAsync(Limit))))
            .ExcludeFromDescription();
        pages.MapGet("/outputs/{id}", async (LabData data, string id) =>
            {
                if (await data.OutputComparisonAsync(id) is not { } report)
                    return TypedResults.Content(
                        Layout.Page("No such comparison", "Outputs",
                            $"<p>No model-output comparison '{Html.E(id)}' in this lab.</p>"),
                        "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
                var history = (await data.OutputComparisonsAsync(Limit)).Where(c => c.Dag == report.Dag).ToList();
                return Page(OutputsPage.Render(report, history));
            })
            .ExcludeFromDescription();
    }

    private static IResult Page(string html) => TypedResults.Content(html, "text/html; charset=utf-8");
}
