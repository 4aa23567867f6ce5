namespace AiLab.Testing.Bisection;

/// <summary>How noisy simulated trials are. Each phase's duration is its true value times a log-normal factor
/// (σ = <see cref="Relative"/>), plus a zero-mean absolute jitter <see cref="JitterMs"/> wide; a machine-wide factor per
/// trial (σ = <see cref="Machine"/>) scales every phase alike, as a busy neighbour would.</summary>
public sealed record SimulationNoise
{
    /// <summary>Quiet, phase-marked trials: 1% per phase, 0.3 ms jitter, 1% machine factor.</summary>
    public static readonly SimulationNoise Default = new();

    /// <summary>σ of the per-phase log-normal factor.</summary>
    public double Relative { get; init; } = 0.01;

    /// <summary>Width of the absolute jitter added to each phase, in ms (uniform in [−JitterMs/2, JitterMs/2)).</summary>
    public double JitterMs { get; init; } = 0.3;

    /// <summary>σ of the per-trial machine factor applied to every phase.</summary>
    public double Machine { get; init; } = 0.01;

    /// <summary>Multiplies one phase's own noise (σ and jitter), e.g. a start-up phase that a loaded machine makes
    /// erratic; phases not named keep factor 1.</summary>
    public IReadOnlyDictionary<string, double> PhaseFactors { get; init; } = new Dictionary<string, double>();

    /// <summary>When true, each phase's true duration is the CPU work it does on one core, and trials carry CPU
    /// stamps: its CPU time is that work times a log-normal factor (σ = <see cref="CpuRelative"/>), its wall time
    /// the CPU time stretched by waiting for a core on a busy machine — <see cref="LoadStretch"/> times a per-phase
    /// log-normal factor (σ = <see cref="Load"/>) times the machine factor.</summary>
    public bool CpuStamped { get; init; }

    /// <summary>σ of the CPU time's own log-normal factor (CPU-stamped trials).</summary>
    public double CpuRelative { get; init; } = 0.02;

    /// <summary>Median wall time over CPU time of a computing phase (CPU-stamped trials): 3 is a third of a
    /// core.</summary>
    public double LoadStretch { get; init; } = 1.0;

    /// <summary>σ of the per-phase log-normal stretch (CPU-stamped trials): how unevenly the load spreads.</summary>
    public double Load { get; init; }
}
