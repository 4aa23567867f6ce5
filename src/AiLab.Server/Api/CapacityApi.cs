using AiLab.Server.Data;
using AiLab.Server.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AiLab.Server.Api;

/// <summary>/capacity: the capacity ledger's spend per tier and workflow over time.</summary>
internal static class CapacityApi
{
    /// <summary>The window in days: <paramref name="days"/> (1–3660) or 30.</summary>
    /// <exception cref="BadRequestException">Out of range.</exception>
    public static int Days(int? days) => days switch
    {
        null => 30,
        < 1 or > 3660 => throw new BadRequestException($"days must be between 1 and 3660, got {days}"),
        { } d => d,
    };

    public static void MapCapacityApi(this RouteGroupBuilder reads)
    {
        reads.MapGet("/capacity", async (LabData data, int? days) =>
            {
                var window = Days(days);
                var ledger = await data.CapacityLedgerAsync();
                var since = TimeProvider.System.GetUtcNow() - TimeSpan.FromDays(window);
                return TypedResults.Ok(CapacitySeries.Of(ledger.Trials(since)));
            })
            .WithName("GetCapacity")
            .WithSummary("CPU seconds per tier and per workflow per hour or day (?days=, default 30).");
    }
}
