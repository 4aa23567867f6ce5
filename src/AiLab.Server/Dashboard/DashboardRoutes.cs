using AiLab.Server.Access;
using AiLab.Server.Api;
using AiLab.Server.Bisections;
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
        pages.MapGet("/", (LabData data, string? workflow) => Page(HomePage.Render(data, workflow))).ExcludeFromDescription();
        pages.MapGet("/experiments/{id}", (LabData data, string id) =>
                data.Experiment(id) is { } e ? Page(ExperimentPage.Render(e, data.Trials(e.Id))) : Missing("experiment", id))
            .ExcludeFromDescription();
        pages.MapGet("/bisections", (LabData data) =>
                Page(ListPages.Bisections(BisectionAssembler.Assemble(data.Incidents(), data.Experiments()))))
            .ExcludeFromDescription();
        pages.MapGet("/bisections/{id}", (LabData data, string id) =>
                BisectionsApi.Find(data, id) is { } b ? Page(BisectionPage.Render(b)) : Missing("bisection", id))
            .ExcludeFromDescription();
        pages.MapGet("/incidents", (LabData data) => Page(ListPages.Incidents(data.Incidents()))).ExcludeFromDescription();
        pages.MapGet("/calibrations", (LabData data) => Page(ListPages.Calibrations(data.Calibrations()))).ExcludeFromDescription();
        app.MapGet("/assets/{**path}", (string path) => StaticAssets.Serve(path)).ExcludeFromDescription();
    }

    private static IResult Page(string html) => TypedResults.Content(html, "text/html; charset=utf-8");

    private static IResult Missing(string what, string id) =>
        TypedResults.Content(Layout.Page($"No such {what}", "", $"<p>No {Html.E(what)} '{Html.E(id)}' in this lab.</p>"),
            "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
}
