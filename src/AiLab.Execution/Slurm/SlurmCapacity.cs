using System.Globalization;
using AiLab.Core.Workflows;

namespace AiLab.Execution.Slurm;

/// <summary>How many trials of one request the cluster could start at once now, from the nodes' allocation: each
/// node holds as many as its free CPUs (and free memory, when the request names it) allow. Trials pinned to one
/// node (<c>same_node</c>, the default) count that node alone — or, before the first trial is placed, the best node,
/// since they will all run where the first one lands; otherwise the free slots of every eligible node add up.
/// Conservative where it cannot tell: a GPU request counts one trial at a time (whether the GPUs are free is not in
/// the node's line), and a constraint with operators other than <c>&amp;</c> filters no node.</summary>
public static class SlurmCapacity
{
    /// <summary>Free slots for a trial with <paramref name="settings"/> on <paramref name="nodes"/>, pinned to
    /// <paramref name="pinnedNode"/> when set; null when the nodes are unknown.</summary>
    public static int? FreeSlots(IReadOnlyList<SlurmNodeInfo> nodes, SlurmSettings settings, string? pinnedNode)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(settings);
        if (nodes.Count == 0) return null;
        if (settings.Gpus is not null) return 1;
        var cpus = Math.Max(1, settings.Cpus ?? 1);
        var memoryMb = settings.Memory is { } memory ? MemoryMb(memory) : null;
        var features = settings.Constraint is { } c
                       && c.All(ch => char.IsLetterOrDigit(ch) || ch is '&' or '_' or '-' or '.')
            ? c.Split('&', StringSplitOptions.RemoveEmptyEntries)
            : [];
        var eligible = nodes.Where(n => n.Schedulable
            && (pinnedNode is null ? (settings.Partition is null || n.Partitions.Contains(settings.Partition))
                                     && features.All(n.Features.Contains)
                                   : n.Name == pinnedNode));
        var perNode = eligible.Select(n =>
        {
            var slots = Math.Max(0, n.CpuTotal - n.CpuAllocated) / cpus;
            if (memoryMb is { } mb && mb > 0)
                slots = (int)Math.Min(slots, Math.Max(0, n.MemoryMb - n.MemoryAllocatedMb) / mb);
            return slots;
        }).ToList();
        if (perNode.Count == 0) return 0;
        return settings.SameNode || pinnedNode is not null ? perNode.Max() : perNode.Sum();
    }

    /// <summary>Slurm's memory syntax (<c>--mem</c>: a number with an optional K, M, G or T suffix; M when none) in
    /// MB; null when it does not parse.</summary>
    public static long? MemoryMb(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim().ToUpperInvariant();
        var (digits, factor) = t.Length > 0 && char.IsLetter(t[^1])
            ? (t[..^1], t[^1] switch { 'K' => 1.0 / 1024, 'M' => 1, 'G' => 1024, 'T' => 1024 * 1024, _ => double.NaN })
            : (t, 1.0);
        return double.IsFinite(factor) &&
               long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? (long)Math.Ceiling(value * factor)
            : null;
    }
}
