using AiLab.Core.Metrics;
using AiLab.Core.Trials;

namespace AiLab.Lab.Analysis;

/// <summary>The metrics read off a trial: TTFB, each phase, CPU time and peak memory. Lower is better for all.</summary>
public static class MetricCatalog
{
    /// <summary>Time to first batch, the primary metric.</summary>
    public const string Ttfb = MetricId.TtfbName;

    /// <summary>User plus system CPU time of the whole trial's process tree.</summary>
    public const string CpuTime = MetricId.CpuTimeName;

    /// <summary>Peak resident memory of the trial's process tree.</summary>
    public const string PeakRss = MetricId.PeakRssName;

    /// <summary>Prefix of phase metrics: <c>phase:config_validation</c>.</summary>
    public const string PhasePrefix = MetricId.PhasePrefix;

    /// <summary>The unit a metric is reported in.</summary>
    public static MetricUnit UnitOf(string metric) => MetricId.Of(metric).Unit;

    /// <summary>Prefix of a phase's CPU time: <c>phase_cpu:preprocessing</c> (ms of CPU, not wall).</summary>
    public const string PhaseCpuPrefix = MetricId.PhaseCpuPrefix;

    /// <summary>True for <c>phase_cpu:*</c> metrics.</summary>
    public static bool IsPhaseCpu(string metric) => MetricId.Of(metric).IsPhaseCpu;

    /// <summary>The wall-clock phase metric a <c>phase_cpu:*</c> metric measures the CPU of.</summary>
    public static string WallOf(string phaseCpuMetric) => PhasePrefix + phaseCpuMetric[PhaseCpuPrefix.Length..];

    /// <summary>True for <c>phase:*</c> metrics.</summary>
    public static bool IsPhase(string metric) => MetricId.Of(metric).IsPhase;

    /// <summary>Every metric value of one successful trial, by name.</summary>
    public static IReadOnlyDictionary<string, double> Extract(TrialResult trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (trial.TtfbMs is { } ttfb) values[Ttfb] = ttfb;
        foreach (var phase in trial.Phases)
        {
            values.TryAdd(PhasePrefix + phase.Name, phase.DurationMs);
            if (phase.CpuMs is { } cpu) values.TryAdd(PhaseCpuPrefix + phase.Name, cpu);
        }

        values[CpuTime] = trial.Resources.CpuTotalMs;
        // Zero means not measured (a fallback sampler that never saw the process), not a workload of no memory.
        if (trial.Resources.PeakRssBytes > 0) values[PeakRss] = trial.Resources.PeakRssBytes / (1024.0 * 1024.0);
        return values;
    }

    /// <summary>Orders metrics for reports: TTFB, then phases in the order the workload marked them, then resources,
    /// then the phases' CPU times in phase order.</summary>
    public static IEnumerable<string> Order(IEnumerable<string> metrics, IReadOnlyList<string> phaseOrder)
    {
        int Rank(string m) => m switch
        {
            Ttfb => 0,
            CpuTime => 10_001,
            PeakRss => 10_002,
            _ when IsPhase(m) => 1 + IndexOr(phaseOrder, m[PhasePrefix.Length..], 9_999),
            _ when IsPhaseCpu(m) => 10_003 + IndexOr(phaseOrder, m[PhaseCpuPrefix.Length..], 9_996),
            _ => 20_000,
        };
        return metrics.OrderBy(Rank).ThenBy(m => m, StringComparer.Ordinal);
    }

    private static int IndexOr(IReadOnlyList<string> list, string item, int fallback)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] == item) return i;
        return fallback;
    }
}
