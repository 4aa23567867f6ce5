using AiLab.Server.Bisections;
using AiLab.Server.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AiLab.Server.Api;

/// <summary>/bisections: the range, each step and the culprits, rebuilt from experiments and incidents.</summary>
internal static class BisectionsApi
{
    public static void MapBisectionsApi(this RouteGroupBuilder reads)
    {
        reads.MapGet("/bisections", (LabData data, int? limit, string? cursor) =>
                TypedResults.Ok(Paging.Apply(BisectionAssembler.Assemble(data.Incidents(), data.Experiments()), b => b.Id, limit, cursor, b => b)))
            .WithName("ListBisections").WithSummary("Bisections that found a culprit, newest first.");

        reads.MapGet("/bisections/{id}", Results<Ok<Bisection>, ProblemHttpResult> (LabData data, string id) =>
                Find(data, id) is { } b ? TypedResults.Ok(b) : ApiRoutes.NotFound("bisection", id))
            .WithName("GetBisection").WithSummary("A bisection: range, each step's verdict, culprits with their incidents.");
    }

    /// <summary>The bisection with <paramref name="id"/>, or the one an incident with that id belongs to.</summary>
    public static Bisection? Find(LabData data, string id)
    {
        ArgumentNullException.ThrowIfNull(data);
        var all = BisectionAssembler.Assemble(data.Incidents(), data.Experiments());
        return all.FirstOrDefault(b => b.Id == id) ?? all.FirstOrDefault(b => b.Culprits.Any(i => i.Id == id));
    }
}
