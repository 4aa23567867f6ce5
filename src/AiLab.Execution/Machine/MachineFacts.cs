using AiLab.Core.Machine;

namespace AiLab.Execution.Machine;

/// <summary>Reads what identifies this machine and its frequency settings from /proc and /sys.</summary>
public static class MachineFacts
{
    /// <summary>This machine: host, processor model, CPU count, boot id.</summary>
    public static MachineIdentity Identity() => new(
        Environment.MachineName, CpuModel(), Environment.ProcessorCount, ReadTrimmed("/proc/sys/kernel/random/boot_id") ?? "unknown");

    /// <summary>The processor's model name from /proc/cpuinfo, or <c>unknown</c>.</summary>
    public static string CpuModel()
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

    /// <summary>The cpufreq governor of <paramref name="cpu"/>, or <see cref="MachineState.Unavailable"/>.</summary>
    public static string Governor(int cpu) =>
        ReadTrimmed($"/sys/devices/system/cpu/cpu{cpu}/cpufreq/scaling_governor") ?? MachineState.Unavailable;

    /// <summary>The current frequency of <paramref name="cpu"/> in MHz from cpufreq, or null where there is none
    /// (/proc/cpuinfo's "cpu MHz" is not used: in a VM it is the host's nominal figure, not a reading).</summary>
    public static double? CpuMhz(int cpu) =>
        ReadTrimmed($"/sys/devices/system/cpu/cpu{cpu}/cpufreq/scaling_cur_freq") is { } khz &&
        double.TryParse(khz, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value / 1000
            : null;

    /// <summary>A file's trimmed text, or null when it cannot be read (absent in this kernel or VM).</summary>
    internal static string? ReadTrimmed(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
