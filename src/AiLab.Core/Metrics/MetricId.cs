namespace AiLab.Core.Metrics;

/// <summary>The identity of a metric read off a trial: TTFB, a phase (<c>phase:config_validation</c>), CPU time or
/// peak memory. Its <see cref="Name"/> is the wire form, unchanged; lower is better for all.</summary>
public readonly record struct MetricId
{
    /// <summary>The name of <see cref="Ttfb"/>.</summary>
    public const string TtfbName = "ttfb";

    /// <summary>The name of <see cref="CpuTime"/>.</summary>
    public const string CpuTimeName = "cpu_time";

    /// <summary>The name of <see cref="PeakRss"/>.</summary>
    public const string PeakRssName = "peak_rss";

    /// <summary>The prefix of a phase's name.</summary>
    public const string PhasePrefix = "phase:";

    /// <summary>The prefix of a phase's CPU time (<c>phase_cpu:preprocessing</c>): milliseconds of CPU the marking
    /// process spent in the phase. Not a phase itself: phases are wall-clock and add up to TTFB.</summary>
    public const string PhaseCpuPrefix = "phase_cpu:";

    private MetricId(string name) => Name = name;

    /// <summary>Time to first batch, the primary metric.</summary>
    public static MetricId Ttfb { get; } = new(TtfbName);

    /// <summary>User plus system CPU time of the whole trial's process tree.</summary>
    public static MetricId CpuTime { get; } = new(CpuTimeName);

    /// <summary>Peak memory of the trial's process tree.</summary>
    public static MetricId PeakRss { get; } = new(PeakRssName);

    /// <summary>The metric's name as written: <c>ttfb</c>, <c>phase:imports</c>, ...</summary>
    public string Name { get; }

    /// <summary>True for a phase of TTFB.</summary>
    public bool IsPhase => Name?.StartsWith(PhasePrefix, StringComparison.Ordinal) == true;

    /// <summary>The phase's own name (<c>imports</c> for <c>phase:imports</c>); null for other metrics.</summary>
    public string? PhaseName => IsPhase ? Name[PhasePrefix.Length..] : null;

    /// <summary>True for a phase's CPU time.</summary>
    public bool IsPhaseCpu => Name?.StartsWith(PhaseCpuPrefix, StringComparison.Ordinal) == true;

    /// <summary>The CPU time of the phase named <paramref name="phase"/>.</summary>
    public static MetricId PhaseCpu(string phase)
    {
        ArgumentException.ThrowIfNullOrEmpty(phase);
        return new MetricId(PhaseCpuPrefix + phase);
    }

    /// <summary>The unit the metric is reported in.</summary>
    public MetricUnit Unit => Name == PeakRssName ? MetricUnit.Mebibytes : MetricUnit.Milliseconds;

    /// <summary>The phase named <paramref name="phase"/> (as the workload marked it).</summary>
    public static MetricId Phase(string phase)
    {
        ArgumentException.ThrowIfNullOrEmpty(phase);
        return new MetricId(PhasePrefix + phase);
    }

    /// <summary>The metric named <paramref name="name"/> as written (any name: workloads name their phases).</summary>
    public static MetricId Of(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new MetricId(name);
    }

    /// <inheritdoc />
    public override string ToString() => Name ?? "";
}
