using AiLab.Core.Experiments;
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
        reads.MapGet("/bisections", async (LabData data, int? limit, string? cursor) =>
                TypedResults.Ok(Paging.Apply(await AllAsync(data), b => b.Id, limit, cursor, b => b)))
            .WithName("ListBisections").WithSummary("Bisections that found a culprit, newest first.");

        reads.MapGet("/bisections/{id}", async Task<Results<Ok<Bisection>, ProblemHttpResult>> (LabData data, string id) =>
                await FindAsync(data, id) is { } b ? TypedResults.Ok(b) : ApiRoutes.NotFound("bisection", id))
            .WithName("GetBisection").WithSummary("A bisection: range, each step's verdict, culprits with their incidents.");
    }

    /// <summary>The bisection with <paramref name="id"/>, or the one an incident with that id belongs to.</summary>
    public static async Task<Bisection?> FindAsync(LabData data, string id)
    {
        var all = await AllAsync(data);
        return all.FirstOrDefault(b => b.Id == id) ?? all.FirstOrDefault(b => b.Culprits.Any(i => i.Id == id));
    }

    /// <summary>Every bisection of the lab.</summary>
    public static async Task<IReadOnlyList<Bisection>> AllAsync(LabData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        // Only the incidents' workflows can hold steps: their digests, not every stored experiment.
        var incidents = await data.IncidentsAsync();
        var experiments = new List<ExperimentDigest>();
        foreach (var workflow in incidents.Select(i => i.Workflow).Distinct(StringComparer.Ordinal))
            experiments.AddRange(await data.DigestsAsync(workflow, int.MaxValue));
        return BisectionAssembler.Assemble(incidents, experiments);
    }
}
