namespace AiLab.Core.Calibrations;

/// <summary>What makes one machine's noise differ from another's: host, processor, cores, and the CPUs trials are
/// pinned to.</summary>
public sealed record MachineFingerprint(string Host, string CpuModel, int LogicalCpus, string PinnedCpus)
{
    /// <summary>This machine, with trials pinned to <paramref name="cpus"/> (null: not pinned).</summary>
    public static MachineFingerprint Current(IReadOnlyList<int>? cpus) => new(
        Environment.MachineName,
        ReadCpuModel(),
        Environment.ProcessorCount,
        cpus is null || cpus.Count == 0 ? "any" : string.Join(',', cpus));

    /// <summary>What <see cref="PinnedCpus"/> says of trials run by Slurm: the scheduler bound each job to its CPUs.</summary>
    public const string SlurmBound = "slurm";

    /// <summary>The cluster node(s) that ran a calibration's trials, as each node described itself
    /// (<see cref="Trials.SchedulerFacts.NodeMachine"/>); null when none ran on a cluster.</summary>
    public static MachineFingerprint? OfNodes(IEnumerable<Trials.NodeIdentity> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var distinct = nodes.DistinctBy(n => n.Host).OrderBy(n => n.Host, StringComparer.Ordinal).ToList();
        if (distinct.Count == 0) return null;
        var models = distinct.Select(n => n.CpuModel).Distinct(StringComparer.Ordinal).ToList();
        return new MachineFingerprint(
            string.Join(',', distinct.Select(n => n.Host)),
            models.Count == 1 ? models[0] : string.Join(" | ", models),
            distinct.Min(n => n.LogicalCpus),
            SlurmBound);
    }

    /// <summary>Why <paramref name="other"/> (here) is not the machine this fingerprint (the calibration's) describes,
    /// or null when it is the same.</summary>
    public string? DifferenceFrom(MachineFingerprint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Host != other.Host) return $"on host {Host}, this is {other.Host}";
        if (CpuModel != other.CpuModel) return $"on processor '{CpuModel}', this is '{other.CpuModel}'";
        if (LogicalCpus != other.LogicalCpus) return $"with {LogicalCpus} CPUs, this machine has {other.LogicalCpus}";
        if (PinnedCpus != other.PinnedCpus) return $"with trials pinned to CPUs {PinnedCpus}, these are pinned to {other.PinnedCpus}";
        return null;
    }

    private static string ReadCpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
