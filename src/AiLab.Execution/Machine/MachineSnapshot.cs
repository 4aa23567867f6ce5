namespace AiLab.Execution.Machine;

/// <summary>The machine's counters at one instant: CPU times per CPU, the harness's own CPU time, the monotonic
/// clock.</summary>
/// <param name="Cpus">/proc/stat counters ("all" and per CPU); empty where /proc/stat cannot be read.</param>
/// <param name="HarnessCpuMs">CPU time this process (the harness) has used so far.</param>
/// <param name="MonotonicNs">When it was taken.</param>
/// <param name="ProcsRunning">/proc/stat's procs_running (the reading thread included), or null.</param>
public sealed record MachineSnapshot(IReadOnlyDictionary<string, CpuTimes> Cpus, double HarnessCpuMs, long MonotonicNs, int? ProcsRunning = null);
