using System.Globalization;
using AiLab.Core.Machine;
using AiLab.Execution.Machine;

namespace AiLab.Execution.Slurm;

/// <summary>What the rest of the node did while a Slurm trial ran, from the node's own /proc/stat read by the batch
/// script on either side of the workload: the same reading the local executor takes of its machine
/// (<see cref="MachineStateRecorder.Compute"/>), so the lab's busy-machine flag covers trials run through Slurm too.
/// Where Slurm bound the job to some of the node's CPUs (task/affinity, cgroups), the load that counts is the one on
/// those CPUs: a job allocated the node's other CPUs (the block's partner) does not make a trial busy, a build
/// running on the trial's CPU does.</summary>
internal static class NodeMachineState
{
    /// <summary>The state over the workload's span, or null when the script did not report both readings.</summary>
    public static MachineState? From(Handover handover)
    {
        ArgumentNullException.ThrowIfNull(handover);
        if (handover.StatBefore is null || handover.StatAfter is null || handover.EndedNs <= handover.StartedNs)
            return null;
        // Both stamps are the node's wall clock read next to the two readings: one clock, a span of seconds.
        var before = new MachineSnapshot(CpuTimes.Parse(handover.StatBefore), 0, handover.StartedNs);
        var after = new MachineSnapshot(CpuTimes.Parse(handover.StatAfter), 0, handover.EndedNs,
            handover.ProcsRunning);
        var cpus = Cpus(handover.CpusAllowed);
        if (cpus is not null && cpus.Count >= handover.CpusOnline && handover.CpusOnline > 0)
            cpus = null;
        return MachineStateRecorder.Compute(before, after, handover.CpuUserMs + handover.CpuSystemMs, cpus) with
        {
            RunnableTasks = handover.ProcsRunning is { } running ? Math.Max(0, running - 1) : null,
            LoadAverage1 = handover.LoadAverage1,
            MemoryPressurePct = handover.MemoryPressurePct,
        };
    }

    /// <summary>A Linux CPU list (<c>3</c>, <c>0-1</c>, <c>0,2-5</c>); null when it is not one.</summary>
    public static IReadOnlyList<int>? Cpus(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var cpus = new SortedSet<int>();
        foreach (var part in list.Split(',', StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-');
            if (range.Length is < 1 or > 2 || !int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture,
                    out var first))
                return null;
            var last = first;
            if (range.Length == 2 &&
                !int.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out last))
                return null;
            if (last < first) return null;
            for (var cpu = first; cpu <= last; cpu++) cpus.Add(cpu);
        }

        return [.. cpus];
    }
}
