using AiLab.Core.Calibrations;
using AiLab.Server.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AiLab.Server.Api;

/// <summary>/calibrations: each workflow's measured noise and the threshold chosen from it.</summary>
internal static class CalibrationsApi
{
    /// <summary>A calibration as the list shows it: per metric its noise and, for the primary one, the threshold.</summary>
    public sealed record CalibrationSummary(string Id, string Workflow, string WorkflowKey, DateTimeOffset CreatedAt,
        string? Commit, string Budget, int TrialsPerVariant, IReadOnlyList<MetricNoise> Metrics);

    /// <summary>One metric's noise in a calibration: the robust (MAD-based) standard deviation of its log values, in
    /// percent (for small noise, the relative spread), and the threshold and detector when one was chosen.</summary>
    public sealed record MetricNoise(string Name, int N, double? NoisePct, double? Threshold, string? Detector);

    public static void MapCalibrationsApi(this RouteGroupBuilder reads)
    {
        reads.MapGet("/calibrations", async (LabData data, int? limit, string? cursor, string? workflow) =>
            {
                var all = (await data.CalibrationsAsync()).Where(c => workflow is null || c.Workflow.Name == workflow).ToList();
                return TypedResults.Ok(Paging.Apply(all, c => c.Id, limit, cursor, Summary));
            })
            .WithName("ListCalibrations").WithSummary("Calibrations, newest first (cursor pagination; ?workflow= filters).");

        reads.MapGet("/calibrations/{id}", async Task<Results<Ok<Calibration>, ProblemHttpResult>> (LabData data, string id) =>
                await data.CalibrationAsync(id) is { } c ? TypedResults.Ok(c) : ApiRoutes.NotFound("calibration", id))
            .WithName("GetCalibration").WithSummary("The full calibration: pooled values, noise profiles, threshold.");
    }

    /// <summary>POST /calibrations: stores a calibration made elsewhere (<c>ailab calibrate --server</c>); needs a
    /// token. A calibration never changes once made: an id the lab holds is a 409.</summary>
    public static void MapCalibrationWrites(this RouteGroupBuilder writes)
    {
        writes.MapPost("/calibrations", async Task<Results<Created<CalibrationSummary>, ProblemHttpResult>> (
                LabData data, Calibration calibration) =>
            {
                if (calibration is null)
                    throw new BadRequestException("the body is empty; send a calibration document");
                if (string.IsNullOrWhiteSpace(calibration.Id))
                    throw new BadRequestException("the calibration needs an id");
                if (calibration.Workflow is null || calibration.Metrics is null)
                    throw new BadRequestException($"calibration '{calibration.Id}' needs its workflow and metrics");
                if (await data.CalibrationAsync(calibration.Id) is { } held && held.Id == calibration.Id)
                    return TypedResults.Problem(detail: $"calibration '{calibration.Id}' exists; a calibration is "
                        + "never replaced", statusCode: StatusCodes.Status409Conflict, title: "Conflict");
                await data.AddCalibrationAsync(calibration);
                return TypedResults.Created($"{ApiRoutes.Prefix}/calibrations/{calibration.Id}", Summary(calibration));
            })
            .WithName("IngestCalibration").WithSummary("Stores a calibration made elsewhere (needs a token).");
    }

    /// <summary>The summary of <paramref name="c"/>.</summary>
    public static CalibrationSummary Summary(Calibration c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new CalibrationSummary(c.Id, c.Workflow.Name, c.WorkflowKey, c.CreatedAt, c.Commit, c.Budget, c.TrialsPerVariant,
            [.. c.Metrics.Select(m => new MetricNoise(m.Name, m.Pool.Count, Finite(m.Profile.LogMadSd * 100),
                m.Threshold is { } t ? Finite(t.Threshold) : null, m.Threshold?.Detector.ToString()))]);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
