using System.Globalization;
using AiLab.Core.Experiments.Leases;

namespace AiLab.Lab.Experiments.Leases;

/// <summary>Names processes by pid, host, boot id and start time from Linux's <c>/proc</c>, so that a pid reused
/// after the holder died, or a holder from before a reboot, is not mistaken for the holder.</summary>
public sealed class LocalHolderProbe : IHolderProbe
{
    private const string BootIdPath = "/proc/sys/kernel/random/boot_id";

    /// <summary>The probe of this machine.</summary>
    public static LocalHolderProbe Instance { get; } = new();

    private LocalHolderProbe()
    {
        var pid = Environment.ProcessId;
        Self = new LeaseHolder(pid, Environment.MachineName, ReadBootId(), StartTicks(pid) ?? 0);
    }

    /// <inheritdoc />
    public LeaseHolder Self { get; }

    /// <inheritdoc />
    public bool IsAlive(LeaseHolder holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        if (holder.Host != Self.Host) return true; // another machine's processes are not ours to see
        if (holder.BootId != Self.BootId) return false; // the machine rebooted since
        return StartTicks(holder.Pid) is { } start && start == holder.StartTicks;
    }

    /// <summary>The start time of a live, non-zombie process in clock ticks after boot; null when there is none.</summary>
    internal static long? StartTicks(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) may hold spaces and parentheses; the fields after its last ')' are plain.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields[0] is "Z" or "X") return null;
        return long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }

    private static string ReadBootId()
    {
        try
        {
            return File.ReadAllText(BootIdPath).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
