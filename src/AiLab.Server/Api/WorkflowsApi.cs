using AiLab.Core.Verdicts;
using AiLab.Server.Data;
using AiLab.Server.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AiLab.Server.Api;

/// <summary>/workflows: the workflows the lab has measured, and each one's TTFB history.</summary>
internal static class WorkflowsApi
{
    /// <summary>A workflow as the list shows it.</summary>
    public sealed record WorkflowSummary(string Name, int Experiments, DateTimeOffset LastRun, string? LastVerdict, string Command);

    public static void MapWorkflowsApi(this RouteGroupBuilder reads)
    {
        reads.MapGet("/workflows", async (LabData data, int? limit, string? cursor) =>
            {
                var workflows = (await data.ExperimentsAsync())
                    .GroupBy(e => e.Workflow.Name, StringComparer.Ordinal)
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new WorkflowSummary(g.Key, g.Count(), g.Max(e => e.CreatedAt),
                        g.First().Verdict?.Overall.ToWire(), g.First().Workflow.Run))
                    .ToList();
                return TypedResults.Ok(Paging.Apply(workflows, w => w.Name, limit, cursor, w => w));
            })
            .WithName("ListWorkflows").WithSummary("Every workflow with stored experiments, by name.");

        reads.MapGet("/workflows/{name}/history", async Task<Results<Ok<IReadOnlyList<WorkflowPoint>>, ProblemHttpResult>> (LabData data, string name) =>
                WorkflowHistory.Build(await data.ExperimentsAsync()).TryGetValue(name, out var points)
                    ? TypedResults.Ok(points)
                    : ApiRoutes.NotFound("workflow", name))
            .WithName("GetWorkflowHistory").WithSummary("TTFB and its phases (B's medians) over the workflow's A/B experiments, oldest first.");
    }
}
