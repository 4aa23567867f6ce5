namespace AiLab.Core.Machine;

/// <summary>What identifies this machine for the core-speed cache: host, processor model, CPU count and the kernel's
/// boot id (a reboot, a VM migrated to other hardware or a resized VM gets a new one).</summary>
public sealed record MachineIdentity(string Host, string CpuModel, int LogicalCpus, string BootId)
{
    /// <summary>Why <paramref name="other"/> is a different machine from this one, or null when it is the
    /// same.</summary>
    public string? DifferenceFrom(MachineIdentity other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Host != other.Host) return $"host {Host} is now {other.Host}";
        if (CpuModel != other.CpuModel) return $"processor '{CpuModel}' is now '{other.CpuModel}'";
        if (LogicalCpus != other.LogicalCpus) return $"{LogicalCpus} CPUs are now {other.LogicalCpus}";
        if (BootId != other.BootId) return "the machine rebooted since";
        return null;
    }
}
