using AiLab.Core.Experiments;
using AiLab.Core.Machine;

namespace AiLab.Lab.Machine;

/// <summary>Everything <c>ailab doctor</c> found, for its text and JSON reports.</summary>
public sealed record DoctorFindings
{
    /// <summary>This machine.</summary>
    public required MachineIdentity Machine { get; init; }

    /// <summary>The per-core speed calibration.</summary>
    public required CoreSpeedReport Cores { get; init; }

    /// <summary>Whether the calibration was cached or measured now, and why.</summary>
    public required string CoresSource { get; init; }

    /// <summary>The pinning experiments get with the same options.</summary>
    public required CpuPinning Pinning { get; init; }

    /// <summary>The machine over the second before the report (no trial running: all busy time is others').</summary>
    public required MachineState Current { get; init; }

    /// <summary>Each CPU's cpufreq governor and frequency, or unavailable.</summary>
    public required IReadOnlyList<(int Cpu, string Governor, double? Mhz)> Frequencies { get; init; }

    /// <summary>The run that measured the noise floor, when a workflow was given.</summary>
    public Experiment? NoiseRun { get; init; }

    /// <summary>The workflow's noise floor, when a workflow was given and measured.</summary>
    public NoiseFloor? Noise { get; init; }

    /// <summary>The default A/B design at the default trial count.</summary>
    public required ExtensionPlan DefaultDesign { get; init; }

    /// <summary>The settings that would lower the noise.</summary>
    public required IReadOnlyList<string> Advice { get; init; }
}
