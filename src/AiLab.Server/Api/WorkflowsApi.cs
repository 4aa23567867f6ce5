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
                // The names and counts are an index-only read (step 10); only the page's workflows read their newest
                // experiment (its command is in the document).
                var page = Paging.Apply(await data.WorkflowsAsync(), w => w.Name, limit, cursor, w => w);
                var items = new List<WorkflowSummary>(page.Items.Count);
                foreach (var w in page.Items)
                {
                    var newest = (await data.WorkflowExperimentsAsync(w.Name, 1))[0];
                    items.Add(new WorkflowSummary(w.Name, w.Experiments, newest.CreatedAt,
                        newest.Verdict?.Overall.ToWire(), newest.Workflow.Run));
                }

                return TypedResults.Ok(new Page<WorkflowSummary>(items, page.NextCursor));
            })
            .WithName("ListWorkflows").WithSummary("Every workflow with stored experiments, by name.");

        reads.MapGet("/workflows/{name}/history", async Task<Results<Ok<IReadOnlyList<WorkflowPoint>>, ProblemHttpResult>> (LabData data, string name) =>
                WorkflowHistory.Build(await data.DigestsAsync(name, int.MaxValue)).TryGetValue(name, out var points)
                    ? TypedResults.Ok(points)
                    : ApiRoutes.NotFound("workflow", name))
            .WithName("GetWorkflowHistory").WithSummary("TTFB and its phases (B's medians) over the workflow's A/B experiments, oldest first.");
    }
}
