using System.Text;
using System.Text.Json;
using AiLab.Lab.Capacity;

namespace AiLab.Cli.Rendering;

/// <summary>The JSON of <c>ailab capacity --json</c> (docs/capacity.md). Seconds are rounded to milliseconds; a
/// saving that could not be estimated is null, never 0.</summary>
internal static class CapacityJson
{
    public static string Render(CapacityReport report, int experiments)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            if (report.Since is { } since) w.WriteString("since", since.ToUniversalTime().ToString("O"));
            else w.WriteNull("since");
            w.WritePropertyName("total");
            Spend(w, report.Total, null);
            Group(w, "tiers", "tier", report.ByTier);
            Group(w, "workflows", "workflow", report.ByWorkflow);
            Group(w, "experiments", "experiment_id", report.ByExperiment.Take(experiments).ToList());
            if (report.Budget is { } use)
            {
                w.WriteStartObject("budget");
                w.WriteString("per", use.Budget.PeriodName);
                w.WriteString("from", use.From.ToUniversalTime().ToString("O"));
                Number(w, "cpu_hours_budget", use.Budget.CpuHours);
                w.WriteNumber("cpu_hours_spent", Math.Round(use.CpuHours, 6));
                Number(w, "cpu_fraction", use.CpuFraction);
                Number(w, "gpu_hours_budget", use.Budget.GpuHours);
                w.WriteNumber("gpu_hours_spent", Math.Round(use.GpuHours, 6));
                Number(w, "gpu_fraction", use.GpuFraction);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("budget");
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Group(Utf8JsonWriter w, string name, string key, IReadOnlyList<CapacitySpend> spends)
    {
        w.WriteStartArray(name);
        foreach (var spend in spends) Spend(w, spend, key);
        w.WriteEndArray();
    }

    private static void Spend(Utf8JsonWriter w, CapacitySpend s, string? key)
    {
        w.WriteStartObject();
        if (key is not null) w.WriteString(key, s.Key);
        w.WriteNumber("experiments", s.Experiments);
        w.WriteNumber("trials", s.Trials);
        w.WriteNumber("failed_trials", s.FailedTrials);
        w.WriteNumber("cpu_s", Math.Round(s.CpuSeconds, 3));
        w.WriteNumber("wall_s", Math.Round(s.WallSeconds, 3));
        w.WriteNumber("gpu_s", Math.Round(s.GpuSeconds, 3));
        w.WriteStartObject("saved_by_stopping");
        w.WriteNumber("stopped_trials", s.Saved.StoppedTrials);
        w.WriteNumber("reference_trials", s.Saved.ReferenceTrials);
        Number(w, "cpu_s", s.Saved.CpuSeconds is { } cpu ? Math.Round(cpu, 3) : null);
        Number(w, "wall_s", s.Saved.WallSeconds is { } wall ? Math.Round(wall, 3) : null);
        w.WriteString("method", s.Saved.Method);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, Math.Round(v, 6));
        else w.WriteNull(name);
    }
}
