using System.Text.Json;
using AiLab.Core.Experiments;
using AiLab.Core.Machine;
using AiLab.Lab.Machine;

namespace AiLab.Cli.Rendering;

/// <summary>The JSON of the machine facts: an experiment's pinning and extension design, a trial's machine state.
/// A reading the machine does not offer is JSON null (numbers) or "unavailable" (the governor).</summary>
internal static class MachineJson
{
    public static void WritePinning(Utf8JsonWriter w, CpuPinning? pinning)
    {
        if (pinning is null)
        {
            w.WriteNull("pinning");
            return;
        }

        w.WriteStartObject("pinning");
        if (pinning.Cpus is { Count: > 0 } cpus)
        {
            w.WriteStartArray("cpus");
            foreach (var cpu in cpus) w.WriteNumberValue(cpu);
            w.WriteEndArray();
        }
        else
        {
            w.WriteNull("cpus");
        }

        w.WriteString("source", pinning.Source);
        w.WriteString("reason", pinning.Reason);
        w.WriteEndObject();
    }

    public static void WriteExtension(Utf8JsonWriter w, ExtensionPlan? plan, string name = "extension")
    {
        if (plan is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteNumber("alpha", plan.Alpha);
        w.WriteString("spending", plan.Spending.ToString());
        w.WriteStartArray("looks");
        foreach (var look in plan.Looks) w.WriteNumberValue(look);
        w.WriteEndArray();
        w.WriteStartArray("nominal_alphas");
        foreach (var a in plan.NominalAlphas) w.WriteNumberValue(Math.Round(a, 6));
        w.WriteEndArray();
        w.WriteStartArray("extensions");
        foreach (var reason in plan.Extensions) w.WriteStringValue(reason);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteState(Utf8JsonWriter w, MachineState? state, string name = "machine")
    {
        if (state is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        if (MachineStateJudge.Busy(state) is { } busy) w.WriteString("busy", busy); else w.WriteNull("busy");
        Optional(w, "other_cpu_cores", state.OtherCpuCores);
        Optional(w, "other_cpu_cores_on_pinned", state.OtherCpuCoresOnPinned);
        Optional(w, "steal_pct", state.StealPct);
        if (state.RunnableTasks is { } runnable) w.WriteNumber("runnable_tasks", runnable); else w.WriteNull("runnable_tasks");
        Optional(w, "load_average_1m", state.LoadAverage1);
        Optional(w, "cpu_mhz", state.CpuMhz);
        w.WriteString("governor", state.Governor);
        Optional(w, "mem_available_mib", state.MemAvailableMiB);
        Optional(w, "memory_pressure_pct", state.MemoryPressurePct);
        w.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, Math.Round(v, 4));
        else w.WriteNull(name);
    }
}
