using System.Globalization;
using AiLab.Core.Machine;
using AiLab.Execution.Processes;

namespace AiLab.Execution.Machine;

/// <summary>Records what the rest of the machine did during a trial: a snapshot of /proc/stat before the spawn and
/// one after the reap (both outside the trial's timed span), from which the busy time that was neither the trial's
/// (wait4) nor the harness's is the load of other processes; plus steal, load average, cpufreq and memory.</summary>
public static class MachineStateRecorder
{
    /// <summary>Clock ticks per second of /proc/stat (USER_HZ, 100 on every Linux architecture in use).</summary>
    public const double TicksPerSecond = 100;

    /// <summary>The counters now.</summary>
    public static MachineSnapshot Take()
    {
        var text = MachineFacts.ReadTrimmed("/proc/stat");
        var cpus = text is null ? new Dictionary<string, CpuTimes>() : CpuTimes.Parse(text);
        var running = text?.Split('\n').FirstOrDefault(l => l.StartsWith("procs_running ", StringComparison.Ordinal))?[14..];
        int? procs = running is not null && int.TryParse(running.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        return new MachineSnapshot(cpus, Environment.CpuUsage.TotalTime.TotalMilliseconds, MonotonicClock.NowNs(), procs);
    }

    /// <summary>The state over the span from <paramref name="before"/> to now, for a trial that used
    /// <paramref name="trialCpuMs"/> of CPU pinned to <paramref name="cpus"/> (null: not pinned).</summary>
    public static MachineState Finish(MachineSnapshot before, double trialCpuMs, IReadOnlyList<int>? cpus)
    {
        ArgumentNullException.ThrowIfNull(before);
        var after = Take();
        var firstCpu = cpus is { Count: > 0 } ? cpus[0] : 0;
        return Compute(before, after, trialCpuMs, cpus) with
        {
            RunnableTasks = after.ProcsRunning is { } running ? Math.Max(0, running - 1) : null,
            LoadAverage1 = LoadAverage(),
            CpuMhz = MachineFacts.CpuMhz(firstCpu),
            Governor = MachineFacts.Governor(firstCpu),
            MemAvailableMiB = MemAvailableMiB(),
            MemoryPressurePct = MemoryPressure(),
        };
    }

    /// <summary>The CPU part of the state from two snapshots (pure, for tests).</summary>
    public static MachineState Compute(MachineSnapshot before, MachineSnapshot after, double trialCpuMs, IReadOnlyList<int>? cpus)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var wallS = (after.MonotonicNs - before.MonotonicNs) / 1e9;
        if (wallS <= 0 || !before.Cpus.TryGetValue("all", out var b0) || !after.Cpus.TryGetValue("all", out var a0))
            return new MachineState();
        var trialS = trialCpuMs / 1000;
        var harnessS = Math.Max(0, (after.HarnessCpuMs - before.HarnessCpuMs) / 1000);
        var busyS = (a0.Busy - b0.Busy) / TicksPerSecond;
        var totalTicks = a0.Total - b0.Total;
        double? onPinned = null;
        if (cpus is { Count: > 0 } && cpus.All(c => before.Cpus.ContainsKey(Key(c)) && after.Cpus.ContainsKey(Key(c))))
        {
            var pinnedBusyS = cpus.Sum(c => after.Cpus[Key(c)].Busy - before.Cpus[Key(c)].Busy) / TicksPerSecond;
            onPinned = Math.Max(0, (pinnedBusyS - trialS) / wallS);
        }

        return new MachineState
        {
            OtherCpuCores = Math.Max(0, (busyS - trialS - harnessS) / wallS),
            OtherCpuCoresOnPinned = onPinned,
            StealPct = totalTicks > 0 ? 100.0 * (a0.Steal - b0.Steal) / totalTicks : null,
        };
    }

    private static string Key(int cpu) => cpu.ToString(CultureInfo.InvariantCulture);

    private static double? LoadAverage() =>
        MachineFacts.ReadTrimmed("/proc/loadavg")?.Split(' ') is [var first, ..] &&
        double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static double? MemAvailableMiB()
    {
        var line = MachineFacts.ReadTrimmed("/proc/meminfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
        var parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: >= 2 } && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb / 1024.0 : null;
    }

    /// <summary>"some avg10" of /proc/pressure/memory (PSI), or null where the kernel has no PSI.</summary>
    private static double? MemoryPressure()
    {
        var some = MachineFacts.ReadTrimmed("/proc/pressure/memory")?.Split('\n').FirstOrDefault(l => l.StartsWith("some", StringComparison.Ordinal));
        var field = some?.Split(' ').FirstOrDefault(f => f.StartsWith("avg10=", StringComparison.Ordinal));
        return field is not null && double.TryParse(field[6..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
