namespace AiLab.Core.Machine;

/// <summary>One per-core speed calibration of this machine, as cached in the lab's home.</summary>
public sealed record CoreSpeedReport
{
    /// <summary>The machine it was measured on; a different one makes the report stale.</summary>
    public required MachineIdentity Machine { get; init; }

    /// <summary>When it was measured.</summary>
    public required DateTimeOffset MeasuredAt { get; init; }

    /// <summary>One entry per CPU this process may run on, in CPU order.</summary>
    public required IReadOnlyList<CoreSpeed> Cores { get; init; }
}
