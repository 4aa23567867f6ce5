using AiLab.Core.Incidents;
using AiLab.Core.Wire;
using AiLab.Server.Bisections;
using AiLab.Server.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AiLab.Server.Api;

/// <summary>/incidents: list, read, and triage (acknowledge, mark invalid, resolve, reopen; needs a token).</summary>
internal static class IncidentsApi
{
    /// <summary>An incident as lists show it.</summary>
    public sealed record IncidentSummary(string Id, string Title, string Status, DateTimeOffset CreatedAt, string Workflow,
        string Metric, string? Phase, string Commit, string Author, string Subject, double ChangePct, string Bisection);

    /// <summary>The triage actions and the status each one sets.</summary>
    private static readonly Dictionary<string, IncidentStatus> Actions = new(StringComparer.Ordinal)
    {
        ["acknowledge"] = IncidentStatus.Acknowledged,
        ["invalid"] = IncidentStatus.Dismissed,
        ["resolve"] = IncidentStatus.Resolved,
        ["reopen"] = IncidentStatus.Open,
    };

    public static void Map(RouteGroupBuilder reads, RouteGroupBuilder writes)
    {
        reads.MapGet("/incidents", async (LabData data, int? limit, string? cursor, string? status) =>
            {
                var all = (await data.IncidentsAsync()).Where(i => status is null || Name(i.Status) == status).ToList();
                return TypedResults.Ok(Paging.Apply(all, i => i.Id, limit, cursor, Summary));
            })
            .WithName("ListIncidents").WithSummary("Incidents, newest first (cursor pagination; ?status= filters).");

        reads.MapGet("/incidents/{id}", async Task<Results<Ok<Incident>, ProblemHttpResult>> (LabData data, string id) =>
                await data.IncidentAsync(id) is { } i ? TypedResults.Ok(i) : ApiRoutes.NotFound("incident", id))
            .WithName("GetIncident").WithSummary("The incident: culprit, range, change, evidence, status.");

        writes.MapPost("/incidents", async Task<Results<Created<IncidentSummary>, ProblemHttpResult>> (
                LabData data, Incident incident) =>
            {
                if (incident is null) throw new BadRequestException("the body is empty; send an incident document");
                if (incident.Culprit is null || incident.Range is null || incident.Change is null
                    || string.IsNullOrWhiteSpace(incident.Workflow) || string.IsNullOrWhiteSpace(incident.Repository))
                    throw new BadRequestException("the incident needs its repository, workflow, range, culprit and "
                        + "change");
                // The id derives from repository, workflow, culprit and metric: the same finding is one incident,
                // and the server's triage of it is never overwritten by a resend.
                var recorded = await data.RecordIncidentAsync(incident);
                if (!recorded.IsNew)
                    return TypedResults.Problem(detail: $"incident '{incident.Id}' exists; triage it with POST "
                        + $"{ApiRoutes.Prefix}/incidents/{incident.Id}/ACTION",
                        statusCode: StatusCodes.Status409Conflict, title: "Conflict");
                return TypedResults.Created($"{ApiRoutes.Prefix}/incidents/{incident.Id}", Summary(recorded.Incident));
            })
            .WithName("IngestIncident")
            .WithSummary("Stores an incident found elsewhere, e.g. by 'ailab bisect --server' (needs a token).");

        writes.MapPost("/incidents/{id}/{action}", async Task<Results<Ok<IncidentSummary>, ProblemHttpResult>> (LabData data, string id, string action) =>
            {
                if (!Actions.TryGetValue(action, out var status))
                    throw new BadRequestException($"unknown action '{action}'; use one of: {string.Join(", ", Actions.Keys)}");
                if (await data.IncidentAsync(id) is not { } incident) return ApiRoutes.NotFound("incident", id);
                await data.SetIncidentStatusAsync(incident.Id, status);
                return TypedResults.Ok(Summary(incident with { Status = status }));
            })
            .WithName("TriageIncident").WithSummary("Acknowledge, mark invalid, resolve or reopen an incident (needs a token).");
    }

    /// <summary>The wire name of a status.</summary>
    public static string Name(IncidentStatus status) => WireNames.Of(status);

    /// <summary>The summary of <paramref name="i"/>.</summary>
    public static IncidentSummary Summary(Incident i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new IncidentSummary(i.Id, i.Title(), Name(i.Status), i.CreatedAt, i.Workflow, i.Metric, i.Phase, i.Culprit.Sha,
            i.Culprit.AuthorName, i.Culprit.Subject, i.Change.ChangePct, BisectionAssembler.IdOf(i.Repository, i.Workflow, i.Range));
    }
}
