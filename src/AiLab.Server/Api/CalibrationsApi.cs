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
