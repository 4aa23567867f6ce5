using AiLab.Server.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AiLab.Server.Api;

/// <summary>The REST API, version 1: reads (public or private by configuration) and writes (a token, always).</summary>
internal static class ApiRoutes
{
    /// <summary>Every route of this version starts here.</summary>
    public const string Prefix = "/api/v1";

    /// <summary>Maps every resource's endpoints.</summary>
    public static void MapLabApi(this WebApplication app)
    {
        var reads = app.MapGroup(Prefix).AddEndpointFilter<ApiErrorFilter>().AddEndpointFilter<ReadAccessFilter>();
        var writes = app.MapGroup(Prefix).AddEndpointFilter<ApiErrorFilter>().AddEndpointFilter<WriteAccessFilter>();
        reads.MapWorkflowsApi();
        reads.MapCalibrationsApi();
        reads.MapBisectionsApi();
        reads.MapCapacityApi();
        reads.MapGet("/queue", async (Data.LabData data, int? limit, string? cursor) =>
                TypedResults.Ok(Paging.Apply(await data.Queue.ListAsync(),
                    w => w.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), limit, cursor, w => w)))
            .WithName("ListQueue")
            .WithSummary("The scheduler's queue, newest first: each new commit's change-tier work and its experiment.");
        // Behind the write filter although it writes nothing: a client checks its token before work it would submit.
        writes.MapGet("/token", () => TypedResults.Ok(new { valid = true }))
            .WithName("CheckToken")
            .WithSummary("200 when the bearer token may write; 401/403 (as a write would) if not.");
        writes.MapCalibrationWrites();
        ExperimentsApi.Map(reads, writes);
        IncidentsApi.Map(reads, writes);
        WebhookApi.Map(writes);
    }

    /// <summary>A 404 ProblemDetails that names what was not found.</summary>
    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(detail: $"no {what} '{id}' in this lab", statusCode: StatusCodes.Status404NotFound,
            title: $"Unknown {what}");
}
