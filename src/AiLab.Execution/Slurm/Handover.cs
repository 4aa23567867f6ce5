using System.Globalization;
using System.Text.RegularExpressions;

namespace AiLab.Execution.Slurm;

/// <summary>What the batch script (<see cref="BatchScript"/>) reported from the node: its wall-clock stamps around
/// the workload, the workload's exit status and CPU time, one simultaneous reading of the node's wall and monotonic
/// clocks, the ping/pong stamps of the offset exchange, and the node's identity. Wall-clock values are nanoseconds
/// since the Unix epoch on the node's clock.</summary>
internal sealed partial record Handover
{
    public required long StartedNs { get; init; }
    public required long EndedNs { get; init; }
    public required int ExitStatus { get; init; }
    public long? PairRealtimeNs { get; init; }
    public long? PairMonotonicNs { get; init; }
    public long? PingSentNs { get; init; }
    public long? PongSeenNs { get; init; }
    public string Host { get; init; } = "unknown";
    public string CpuModel { get; init; } = "unknown";
    public int CpusOnline { get; init; }
    public string CpusAllowed { get; init; } = "unknown";
    public double CpuUserMs { get; init; }
    public double CpuSystemMs { get; init; }
    public long? PeakMemoryBytes { get; init; }
    public string? PeakMemorySource { get; init; }

    /// <summary>The node's /proc/stat <c>cpu</c> lines just before the workload started, or null.</summary>
    public string? StatBefore { get; init; }

    /// <summary>The same just after the workload ended, or null.</summary>
    public string? StatAfter { get; init; }

    /// <summary>/proc/stat's procs_running after the workload (the reading script included), or null.</summary>
    public int? ProcsRunning { get; init; }

    /// <summary>The node's 1-minute load average after the workload, or null.</summary>
    public double? LoadAverage1 { get; init; }

    /// <summary>The node's /proc/pressure/memory "some avg10" after the workload, or null.</summary>
    public double? MemoryPressurePct { get; init; }

    /// <summary>Parses the handover file's text; null when a required stamp is missing (the script did not
    /// finish).</summary>
    public static Handover? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = text.Split('\n')
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.Ordinal);
        if (EpochNs(values, "started") is not { } started || EpochNs(values, "ended") is not { } ended ||
            !values.TryGetValue("exit", out var exitText) ||
            !int.TryParse(exitText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var exit))
            return null;
        long? pairRt = null, pairMono = null;
        if (values.TryGetValue("pair", out var pair) && pair.Split(' ') is [var rt, var mono] &&
            long.TryParse(rt, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) &&
            long.TryParse(mono, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m))
            (pairRt, pairMono) = (r, m);
        double user = 0, system = 0;
        if (values.TryGetValue("children", out var children) && Times().Matches(children) is { Count: 2 } t)
            (user, system) = (Ms(t[0]), Ms(t[1]));
        return new Handover
        {
            StartedNs = started,
            EndedNs = ended,
            ExitStatus = exit,
            PairRealtimeNs = pairRt,
            PairMonotonicNs = pairMono,
            PingSentNs = EpochNs(values, "ping_sent"),
            PongSeenNs = EpochNs(values, "pong_seen"),
            Host = values.GetValueOrDefault("host") is { Length: > 0 } host ? host : "unknown",
            CpuModel = values.GetValueOrDefault("cpu_model") is { Length: > 0 } model ? model : "unknown",
            CpusOnline = int.TryParse(values.GetValueOrDefault("cpus_online"), NumberStyles.Integer,
                CultureInfo.InvariantCulture, out var online) ? online : 0,
            CpusAllowed = values.GetValueOrDefault("cpus_allowed") is { Length: > 0 } allowed ? allowed : "unknown",
            CpuUserMs = user,
            CpuSystemMs = system,
            PeakMemoryBytes = Bytes(values.GetValueOrDefault("peak_memory")),
            PeakMemorySource = values.GetValueOrDefault("peak_memory_source") is { Length: > 0 } source ? source : null,
            StatBefore = Lines(values.GetValueOrDefault("stat_before")),
            StatAfter = Lines(values.GetValueOrDefault("stat_after")),
            ProcsRunning = int.TryParse(values.GetValueOrDefault("procs_running"), NumberStyles.None,
                CultureInfo.InvariantCulture, out var running) ? running : null,
            LoadAverage1 = Number(values.GetValueOrDefault("load_average")),
            MemoryPressurePct = Number(values.GetValueOrDefault("memory_pressure")),
        };
    }

    /// <summary>bash's <c>EPOCHREALTIME</c> ("seconds.microseconds", with the locale's decimal separator) in
    /// ns.</summary>
    internal static long? EpochNs(IReadOnlyDictionary<string, string> values, string key)
    {
        if (!values.TryGetValue(key, out var text) || text.Length == 0)
            return null;
        var parts = text.Replace(',', '.').Split('.');
        if (parts.Length != 2 ||
            !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ||
            !long.TryParse(parts[1].PadRight(9, '0')[..9], NumberStyles.None, CultureInfo.InvariantCulture,
                out var fraction))
            return null;
        return seconds * 1_000_000_000 + fraction;
    }

    /// <summary>A byte count as a cgroup file gives it (plain bytes) or as sstat does (<c>1234K</c>, <c>5.5M</c>,
    /// powers of 1024); null when absent or unreadable.</summary>
    internal static long? Bytes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().ToUpperInvariant();
        var factor = t[^1] switch
        {
            'K' => 1024d, 'M' => 1024d * 1024, 'G' => 1024d * 1024 * 1024, 'T' => 1024d * 1024 * 1024 * 1024, _ => 1d,
        };
        if (factor != 1) t = t[..^1];
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? (long)Math.Round(value * factor)
            : null;
    }

    // The script joins /proc/stat's cpu lines with ';' to keep one line per key.
    private static string? Lines(string? joined) =>
        string.IsNullOrWhiteSpace(joined) ? null : joined.Replace(';', '\n');

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static double Ms(Match m) =>
        (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 60
         + double.Parse(m.Groups[2].Value.Replace(',', '.'), CultureInfo.InvariantCulture)) * 1000;

    // bash's `times`: "0m0.123s 0m0.045s" (user, system of the children).
    [GeneratedRegex(@"(\d+)m([\d.,]+)s")]
    private static partial Regex Times();
}
