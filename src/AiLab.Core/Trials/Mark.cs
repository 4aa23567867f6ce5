namespace AiLab.Core.Trials;

/// <summary>A probe mark: the phase <paramref name="Name"/> ended <paramref name="OffsetMs"/> after the process started.</summary>
/// <param name="Name">The mark, e.g. <c>config_validation</c> or <c>first_batch</c>.</param>
/// <param name="OffsetMs">Milliseconds from the harness's spawn of the process (CLOCK_MONOTONIC).</param>
/// <param name="Stamped">True when the workload sent no <c>t_ns</c> and the harness stamped the line on receipt.</param>
public sealed record Mark(string Name, double OffsetMs, bool Stamped = false)
{
    /// <summary>The marking process's CPU time (user + system, all its threads) since it started, in milliseconds;
    /// null when the probe sent none (older probes, other workloads).</summary>
    public double? CpuMs { get; init; }

    /// <summary>The marking process; null when the probe did not say.</summary>
    public int? Pid { get; init; }
}
