using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.Storage.Serialization;
using Npgsql;

namespace AiLab.Storage.Postgres;

/// <summary>The parameters of a trial row (its columns are copies of the result document, for queries).</summary>
internal static class TrialParameters
{
    /// <summary>Adds @experiment, @sequence, ... @otherCpu for <paramref name="trial"/>.</summary>
    public static void Add(NpgsqlParameterCollection p, TrialRecord trial)
    {
        var result = trial.Result;
        p.AddWithValue("experiment", trial.ExperimentId);
        p.AddWithValue("sequence", trial.Sequence);
        p.AddWithValue("variant", trial.Variant);
        p.AddWithValue("warmup", trial.IsWarmup);
        p.AddWithValue("status", StorageJson.EnumName(result.Status));
        p.AddWithValue("failure", StorageJson.EnumName(result.Failure));
        p.AddWithValue("ttfb", (object?)result.TtfbMs ?? DBNull.Value);
        p.AddWithValue("wall", result.WallMs);
        p.AddWithValue("cpuUser", result.Resources.CpuUserMs);
        p.AddWithValue("cpuSystem", result.Resources.CpuSystemMs);
        p.AddWithValue("rss", result.Resources.PeakRssBytes);
        p.AddWithValue("startedAt", result.StartedAt.ToString("O", CultureInfo.InvariantCulture));
        p.AddWithValue("log", (object?)result.LogPath ?? DBNull.Value);
        p.AddWithValue("result", StorageJson.Serialize(result));
        p.AddWithValue(
            "otherCpu",
            (object?)(result.Machine?.OtherCpuCoresOnPinned ?? result.Machine?.OtherCpuCores) ?? DBNull.Value);
    }
}
