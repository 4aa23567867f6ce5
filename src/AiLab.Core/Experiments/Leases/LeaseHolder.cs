namespace AiLab.Core.Experiments.Leases;

/// <summary>The process that holds a lease, named so that another process can tell whether it still lives: a pid
/// alone is reused, so the host, the boot and the process's start time come with it.</summary>
/// <param name="Pid">Process id on <paramref name="Host"/>.</param>
/// <param name="Host">Host name of the machine it runs on.</param>
/// <param name="BootId">The kernel's boot id (<c>/proc/sys/kernel/random/boot_id</c>): a reboot ends every holder.</param>
/// <param name="StartTicks">Start time of the process in clock ticks after boot (<c>/proc/PID/stat</c> field 22): a
/// reused pid has another.</param>
public sealed record LeaseHolder(int Pid, string Host, string BootId, long StartTicks)
{
    /// <summary>"pid 1234 on host" for messages.</summary>
    public override string ToString() => $"pid {Pid} on {Host}";
}
