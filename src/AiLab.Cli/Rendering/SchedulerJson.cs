using System.Globalization;
using System.Text.Json;
using AiLab.Core.Trials;

namespace AiLab.Cli.Rendering;

/// <summary>A cluster trial's scheduler facts in the JSON reports (docs/slurm.md); absent for local trials.</summary>
internal static class SchedulerJson
{
    public static void Write(Utf8JsonWriter w, SchedulerFacts s)
    {
        w.WriteStartObject("scheduler");
        w.WriteString("scheduler", s.Scheduler);
        w.WriteString("job_id", s.JobId);
        w.WriteNumber("attempts", s.Attempts);
        w.WriteString("node", s.Node);
        w.WriteString("final_state", s.FinalState);
        w.WriteString("submitted_at", s.SubmittedAt.ToString("O", CultureInfo.InvariantCulture));
        Time(w, "released_at", s.ReleasedAt);
        Time(w, "scheduler_submit_time", s.SchedulerSubmitTime);
        Time(w, "eligible_at", s.EligibleAt);
        Time(w, "job_started_at", s.JobStartedAt);
        Time(w, "job_ended_at", s.JobEndedAt);
        Ms(w, "queue_ms", s.QueueMs);
        Ms(w, "clock_offset_ms", s.ClockOffsetMs);
        Ms(w, "clock_offset_uncertainty_ms", s.ClockOffsetUncertaintyMs);
        if (s.NodeMachine is { } node)
        {
            w.WriteStartObject("node_machine");
            w.WriteString("host", node.Host);
            w.WriteString("cpu_model", node.CpuModel);
            w.WriteNumber("logical_cpus", node.LogicalCpus);
            w.WriteString("allocated_cpus", node.AllocatedCpus);
            w.WriteEndObject();
        }

        w.WriteString("peak_memory_source", s.PeakMemorySource);
        w.WriteStartArray("infrastructure_failures");
        foreach (var failure in s.InfrastructureFailures) w.WriteStringValue(failure);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Time(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v) w.WriteString(name, v.ToString("O", CultureInfo.InvariantCulture));
        else w.WriteNull(name);
    }

    private static void Ms(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, Math.Round(v, 3));
        else w.WriteNull(name);
    }
}
