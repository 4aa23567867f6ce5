namespace AiLab.Core.Machine;

/// <summary>What the rest of the machine was doing while one trial ran. A reading the machine does not offer is
/// null (numbers) or <see cref="Unavailable"/> (text), never a guess.</summary>
public sealed record MachineState
{
    /// <summary>The text of a reading this machine does not offer (no cpufreq in a VM, no PSI in an old
    /// kernel).</summary>
    public const string Unavailable = "unavailable";

    /// <summary>CPU time used by other processes during the trial, in cores (1.0 = one core fully busy): the busy time
    /// of all CPUs from /proc/stat over the trial, minus the trial's own CPU time (wait4) and the harness's.</summary>
    public double? OtherCpuCores { get; init; }

    /// <summary>Of the CPUs the trial was pinned to: their busy time not spent on the trial, in cores; null when not
    /// pinned.</summary>
    public double? OtherCpuCoresOnPinned { get; init; }

    /// <summary>Percent of all CPU time the hypervisor gave to other guests during the trial (steal).</summary>
    public double? StealPct { get; init; }

    /// <summary>Tasks runnable at the end of the trial besides the harness's reading thread (/proc/stat
    /// procs_running − 1): more than the machine's CPUs means a queue for them.</summary>
    public int? RunnableTasks { get; init; }

    /// <summary>The 1-minute load average at the end of the trial.</summary>
    public double? LoadAverage1 { get; init; }

    /// <summary>Current frequency of the trial's CPUs (or CPU 0), in MHz, from cpufreq.</summary>
    public double? CpuMhz { get; init; }

    /// <summary>The cpufreq governor of the trial's CPUs (or CPU 0), or <see cref="Unavailable"/>.</summary>
    public string Governor { get; init; } = Unavailable;

    /// <summary>MemAvailable from /proc/meminfo at the end of the trial, in MiB.</summary>
    public double? MemAvailableMiB { get; init; }

    /// <summary>/proc/pressure/memory "some avg10": percent of the last 10 s some task stalled on memory.</summary>
    public double? MemoryPressurePct { get; init; }
}
