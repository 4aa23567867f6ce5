using System.Globalization;
using System.Text.RegularExpressions;

namespace AiLab.Execution.Slurm;

/// <summary>One node as <c>scontrol show node -o</c> describes it: what it has, what is allocated, where it
/// belongs.</summary>
public sealed partial record SlurmNodeInfo
{
    /// <summary>NodeName.</summary>
    public required string Name { get; init; }

    /// <summary>State, e.g. <c>IDLE</c>, <c>MIXED</c>, <c>ALLOCATED</c>, <c>IDLE+DRAIN</c>, <c>DOWN*</c>.</summary>
    public required string State { get; init; }

    /// <summary>CPUTot.</summary>
    public int CpuTotal { get; init; }

    /// <summary>CPUAlloc.</summary>
    public int CpuAllocated { get; init; }

    /// <summary>RealMemory, in MB.</summary>
    public long MemoryMb { get; init; }

    /// <summary>AllocMem, in MB.</summary>
    public long MemoryAllocatedMb { get; init; }

    /// <summary>Partitions the node is in.</summary>
    public IReadOnlyList<string> Partitions { get; init; } = [];

    /// <summary>AvailableFeatures (what <c>--constraint</c> selects on).</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>True when the scheduler may start jobs on the node now: up, and neither draining, down, failing nor
    /// reserved for maintenance.</summary>
    public bool Schedulable
    {
        get
        {
            var parts = State.TrimEnd('*', '~', '#', '!', '%', '$', '@', '^', '-').Split('+');
            return parts[0] is "IDLE" or "MIXED" or "ALLOCATED" or "COMPLETING"
                   && !State.Contains('*', StringComparison.Ordinal)
                   && parts.Skip(1).All(f => f is not ("DRAIN" or "DRAINING" or "DRAINED" or "FAIL" or "FAILING"
                       or "MAINTENANCE" or "POWERED_DOWN" or "POWERING_DOWN" or "NOT_RESPONDING" or "REBOOT_REQUESTED"
                       or "RESERVED"));
        }
    }

    /// <summary>Parses one line of <c>scontrol show node -o</c>; null when it has no NodeName or State.</summary>
    public static SlurmNodeInfo? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Field().Matches(line))
            fields.TryAdd(m.Groups[1].Value, m.Groups[2].Value);
        if (!fields.TryGetValue("NodeName", out var name) || !fields.TryGetValue("State", out var state))
            return null;
        return new SlurmNodeInfo
        {
            Name = name,
            State = state,
            CpuTotal = (int)Number(fields, "CPUTot"),
            CpuAllocated = (int)Number(fields, "CPUAlloc"),
            MemoryMb = Number(fields, "RealMemory"),
            MemoryAllocatedMb = Number(fields, "AllocMem"),
            Partitions = List(fields, "Partitions"),
            Features = List(fields, "AvailableFeatures"),
        };
    }

    private static long Number(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var v)
        && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n : 0;

    private static IReadOnlyList<string> List(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var v) && v is not ("" or "(null)")
            ? v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];

    [GeneratedRegex(@"(?:^|\s)([A-Za-z_]+)=(\S*)")]
    private static partial Regex Field();
}
