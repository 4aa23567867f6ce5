using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.Core.Machine;
using AiLab.Core.Verdicts;

namespace AiLab.Lab.Machine;

/// <summary>Judges the machine state recorded with each trial: a trial measured while other processes competed for
/// its CPUs, while the hypervisor stole time, or under memory pressure is flagged, and a verdict with such trials
/// says how many and what to do.</summary>
public static class MachineStateJudge
{
    /// <summary>Other processes using more than this many cores (on the trial's pinned CPUs, or anywhere when not
    /// pinned) make a trial busy. Half a core: a neighbour that takes a core half the time delays a single-threaded
    /// phase by tens of percent whenever it runs.</summary>
    public const double BusyCores = 0.5;

    /// <summary>Steal above this percent of CPU time makes a trial busy.</summary>
    public const double BusyStealPct = 10;

    /// <summary>Memory pressure (PSI some avg10) above this percent makes a trial busy.</summary>
    public const double BusyMemoryPressurePct = 10;

    /// <summary>The pinning source of trials run through Slurm, whose node binds each job to its CPUs.</summary>
    public const string SlurmPinningSource = "slurm";

    /// <summary>Why the machine was busy during a trial, or null when it was quiet or not recorded.</summary>
    public static string? Busy(MachineState? state)
    {
        if (state is null) return null;
        var other = state.OtherCpuCoresOnPinned ?? state.OtherCpuCores;
        if (other > BusyCores)
        {
            var where = state.OtherCpuCoresOnPinned is null ? "" : " on its pinned CPUs";
            return string.Create(CultureInfo.InvariantCulture, $"other processes used {other:0.##} cores{where}");
        }

        if (state.StealPct > BusyStealPct) return string.Create(CultureInfo.InvariantCulture, $"the hypervisor stole {state.StealPct:0.#}% of CPU time");
        if (state.MemoryPressurePct > BusyMemoryPressurePct)
            return string.Create(CultureInfo.InvariantCulture, $"memory pressure {state.MemoryPressurePct:0.#}% (PSI some avg10)");
        return null;
    }

    /// <summary>The note on measured trials run on a busy machine, or null when none was (or none was
    /// recorded).</summary>
    public static string? Note(IReadOnlyList<TrialRecord> measured, CpuPinning? pinning)
    {
        ArgumentNullException.ThrowIfNull(measured);
        var busy = measured.Where(t => Busy(t.Result.Machine) is not null).ToList();
        if (busy.Count == 0) return null;
        var worst = busy.Max(t => t.Result.Machine!.OtherCpuCoresOnPinned ?? t.Result.Machine!.OtherCpuCores ?? 0);
        var advice = pinning?.Cpus is { Count: > 0 } cpus
            ? $"rerun on a quiet machine, or pin to CPUs nobody else uses with --cpus (these ran on {string.Join(',', cpus)})"
            : pinning?.Source == SlurmPinningSource
                // Through Slurm the machine is the node: the load was on the CPUs Slurm allocated to the trial.
                ? "rerun when the cluster's nodes are quiet, or on nodes where nothing else runs beside the jobs"
                : "rerun on a quiet machine or with --cpus";
        return string.Create(CultureInfo.InvariantCulture,
            $"{busy.Count} of {measured.Count} trials ran while the machine was busy (other processes used more than " +
            $"{BusyCores} of a core, up to {worst:0.##}; or steal > {BusyStealPct}%, or memory pressure > " +
            $"{BusyMemoryPressurePct}%): their numbers carry the neighbours' noise; {advice}");
    }

    /// <summary>The verdict with the busy-machine note added when there is one.</summary>
    public static ExperimentVerdict Annotate(ExperimentVerdict verdict, IReadOnlyList<TrialRecord> measured, CpuPinning? pinning)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return Note(measured, pinning) is { } note ? verdict with { Notes = [.. verdict.Notes, note] } : verdict;
    }
}
