using AiLab.Server.Access;
using AiLab.Server.Api;
using AiLab.Server.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AiLab.Server.Dashboard;

/// <summary>The dashboard's pages (server-rendered HTML) and its embedded static assets.</summary>
internal static class DashboardRoutes
{
    public static void MapDashboard(this WebApplication app)
    {
        var pages = app.MapGroup("").AddEndpointFilter<ReadAccessFilter>();
        pages.MapGet("/", async (LabData data, string? workflow, string? branch, int? page) =>
            Page(await HomePage.RenderAsync(data, workflow, branch, page))).ExcludeFromDescription();
        pages.MapGet("/capacity", async (LabData data, int? days) =>
            Page(CapacityPage.Render(await data.CapacityLedgerAsync(), days, TimeProvider.System.GetUtcNow())))
            .ExcludeFromDescription();
        pages.MapGet("/experiments/{id}", async (LabData data, string id) =>
                await data.ExperimentAsync(id) is { } e ? Page(ExperimentPage.Render(e, await data.TrialsAsync(e.Id))) : Missing("experiment", id))
            .ExcludeFromDescription();
        pages.MapGet("/bisections", async (LabData data) => Page(ListPages.Bisections(await BisectionsApi.AllAsync(data))))
            .ExcludeFromDescription();
        pages.MapGet("/bisections/{id}", async (LabData data, string id) =>
                await BisectionsApi.FindAsync(data, id) is { } b ? Page(BisectionPage.Render(b)) : Missing("bisection", id))
            .ExcludeFromDescription();
        pages.MapGet("/incidents", async (LabData data) => Page(ListPages.Incidents(await data.IncidentsAsync()))).ExcludeFromDescription();
        pages.MapGet("/calibrations", async (LabData data) => Page(ListPages.Calibrations(await data.CalibrationsAsync()))).ExcludeFromDescription();
        pages.MapOutputsPages();
        app.MapGet("/assets/{**path}", (string path) => StaticAssets.Serve(path)).ExcludeFromDescription();
    }

    private static IResult Page(string html) => TypedResults.Content(html, "text/html; charset=utf-8");

    private static IResult Missing(string what, string id) =>
        TypedResults.Content(Layout.Page($"No such {what}", "", $"<p>No {Html.E(what)} '{Html.E(id)}' in this lab.</p>"),
            "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
}
