using System.Globalization;

namespace AiLab.Execution.Machine;

/// <summary>One CPU's (or all CPUs') time counters from a /proc/stat line, in clock ticks (proc(5)).</summary>
/// <param name="Busy">user + nice + system + irq + softirq: time spent running something.</param>
/// <param name="Steal">Time the hypervisor ran other guests while this one wanted the CPU.</param>
/// <param name="Total">Every column but guest time, which user time already includes.</param>
public sealed record CpuTimes(long Busy, long Steal, long Total)
{
    /// <summary>Parses /proc/stat's <c>cpu</c> and <c>cpuN</c> lines: key "all" for the first, the CPU number as
    /// text for the others. Lines it does not know are skipped.</summary>
    public static IReadOnlyDictionary<string, CpuTimes> Parse(string procStat)
    {
        ArgumentNullException.ThrowIfNull(procStat);
        var result = new Dictionary<string, CpuTimes>(StringComparer.Ordinal);
        foreach (var line in procStat.Split('\n'))
        {
            if (!line.StartsWith("cpu", StringComparison.Ordinal)) continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 5) continue;
            var values = fields.Skip(1).Take(8).Select(f => long.TryParse(f, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0).ToArray();
            long At(int i) => i < values.Length ? values[i] : 0;
            // user nice system idle iowait irq softirq steal
            var busy = At(0) + At(1) + At(2) + At(5) + At(6);
            var key = fields[0] == "cpu" ? "all" : fields[0][3..];
            result[key] = new CpuTimes(busy, At(7), values.Sum());
        }

        return result;
    }
}
