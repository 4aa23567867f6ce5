using AiLab.Core.Experiments;
using AiLab.Core.Wire;
using AiLab.Server.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AiLab.Server.Api;

/// <summary>/experiments: list, read (with metrics, verdict, trials), and ingest (create, update, add trials).</summary>
internal static class ExperimentsApi
{
    public static void Map(RouteGroupBuilder reads, RouteGroupBuilder writes)
    {
        reads.MapGet("/experiments", async (LabData data, int? limit, string? cursor, string? workflow) =>
            {
                // A page of digests in SQL (keyset on creation time and id), not every stored document.
                var size = Paging.Size(limit);
                IReadOnlyList<ExperimentDigest> rows;
                try
                {
                    rows = await data.DigestsAsync(workflow, size + 1, Paging.After(cursor));
                }
                catch (ArgumentException)
                {
                    throw Paging.UnknownCursor();
                }

                return TypedResults.Ok(Paging.Of(rows, size, e => e.Id, ExperimentSummary.Of));
            })
            .WithName("ListExperiments").WithSummary("Experiments, newest first (cursor pagination; ?workflow= filters).");

        reads.MapGet("/experiments/{id}", async Task<Results<Ok<Experiment>, ProblemHttpResult>> (LabData data, string id) =>
                await data.ExperimentAsync(id) is { } e ? TypedResults.Ok(e) : ApiRoutes.NotFound("experiment", id))
            .WithName("GetExperiment").WithSummary("The full experiment: workflow, variants, commits, status, verdict.");

        reads.MapGet("/experiments/{id}/verdict", async Task<Results<Ok<object>, ProblemHttpResult>> (LabData data, string id) =>
                await data.ExperimentAsync(id) is { } e
                    ? TypedResults.Ok<object>(new { e.Id, Status = WireNames.Of(e.Status), e.Verdict })
                    : ApiRoutes.NotFound("experiment", id))
            .WithName("GetVerdict").WithSummary("The verdict with its evidence: test, p, interval, threshold, confirmation.");

        reads.MapGet("/experiments/{id}/metrics", async Task<Results<Ok<object>, ProblemHttpResult>> (LabData data, string id) =>
                await data.ExperimentAsync(id) is { } e
                    ? TypedResults.Ok<object>(e.Verdict?.Metrics ?? [])
                    : ApiRoutes.NotFound("experiment", id))
            .WithName("GetMetrics").WithSummary("Every metric compared, A against B.");

        reads.MapGet("/experiments/{id}/trials",
                async Task<Results<Ok<Page<TrialRecord>>, ProblemHttpResult>> (LabData data, string id, int? limit, string? cursor) =>
                {
                    if (await data.ExperimentAsync(id) is not { } e) return ApiRoutes.NotFound("experiment", id);
                    return TypedResults.Ok(Paging.Apply(await data.TrialsAsync(e.Id),
                        t => t.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), limit, cursor, t => t));
                })
            .WithName("ListTrials").WithSummary("An experiment's trials in schedule order (cursor pagination).");

        writes.MapPost("/experiments", async Task<Results<Created<ExperimentSummary>, ProblemHttpResult>> (LabData data, Experiment experiment) =>
            {
                Validate(experiment);
                // An exact primary-key read: a prefix lookup here would range over other ids for nothing.
                if (await data.ExperimentExistsAsync(experiment.Id))
                    return TypedResults.Problem(detail: $"experiment '{experiment.Id}' exists; PUT it to update",
                        statusCode: StatusCodes.Status409Conflict, title: "Conflict");
                await data.CreateExperimentAsync(experiment);
                return TypedResults.Created($"{ApiRoutes.Prefix}/experiments/{experiment.Id}", ExperimentSummary.Of(experiment));
            })
            .WithName("IngestExperiment").WithSummary("Stores an experiment made elsewhere (needs a token).");

        writes.MapPut("/experiments/{id}", async Task<Results<Ok<ExperimentSummary>, ProblemHttpResult>> (LabData data, string id, Experiment experiment) =>
            {
                Validate(experiment);
                if (experiment.Id != id) throw new BadRequestException($"the body's id '{experiment.Id}' is not the path's '{id}'");
                if (!await data.ExperimentExistsAsync(id)) return ApiRoutes.NotFound("experiment", id);
                await data.UpdateExperimentAsync(experiment);
                return TypedResults.Ok(ExperimentSummary.Of(experiment));
            })
            .WithName("UpdateExperiment").WithSummary("Replaces an experiment's status, verdict and spec (needs a token).");

        writes.MapPost("/experiments/{id}/trials",
                async Task<Results<Created<object>, ProblemHttpResult>> (LabData data, string id, IReadOnlyList<TrialRecord> trials) =>
                {
                    if (!await data.ExperimentExistsAsync(id)) return ApiRoutes.NotFound("experiment", id);
                    if (trials.Count == 0) throw new BadRequestException("the body holds no trials; send a JSON array of trial records");
                    var bad = trials.FirstOrDefault(t => t.ExperimentId != id || t.Result is null || string.IsNullOrEmpty(t.Variant));
                    if (bad is not null)
                        throw new BadRequestException($"trial {bad.Sequence}: experimentId must be '{id}', variant and result are required");
                    // Checked before the first write, so a batch with a taken or repeated sequence writes nothing.
                    var taken = (await data.TrialsAsync(id)).Select(t => t.Sequence).ToHashSet();
                    var clash = trials.Select(t => t.Sequence).Where(s => !taken.Add(s)).ToList();
                    if (clash.Count > 0)
                        return TypedResults.Problem(detail: $"trial sequence {clash[0]} is already stored or repeated; nothing was written",
                            statusCode: StatusCodes.Status409Conflict, title: "Conflict");
                    // One batch, one transaction: all or none are stored, with one durable commit instead of one each.
                    await data.AddTrialsAsync(trials);
                    return TypedResults.Created($"{ApiRoutes.Prefix}/experiments/{id}/trials", (object)new { added = trials.Count });
                })
            .WithName("IngestTrials").WithSummary("Appends finished trials to an experiment (needs a token).");
    }

    private static void Validate(Experiment? experiment)
    {
        if (experiment is null) throw new BadRequestException("the body is empty; send an experiment document");
        if (string.IsNullOrWhiteSpace(experiment.Id)) throw new BadRequestException("the experiment needs an id");
        if (experiment.Variants is null || experiment.Variants.Count == 0) throw new BadRequestException("the experiment needs its variants");
        if (experiment.Workflow is null) throw new BadRequestException("the experiment needs its workflow");
    }
}
