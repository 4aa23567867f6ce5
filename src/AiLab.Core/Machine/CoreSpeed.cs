namespace AiLab.Core.Machine;

/// <summary>How fast and how steady one CPU ran the fixed calibration loop.</summary>
/// <param name="Cpu">The CPU number.</param>
/// <param name="MedianMs">Median CPU milliseconds per run of the loop; lower is faster.</param>
/// <param name="RobustCv">Spread of the runs: 1.4826·MAD / median (a CV that a few interrupted runs do not
/// move).</param>
/// <param name="Rounds">Runs of the loop measured on this CPU.</param>
/// <param name="WallMedianMs">Median wall milliseconds per run: above <paramref name="MedianMs"/> by the time other
/// processes, interrupts and the hypervisor took from the core during the runs.</param>
public sealed record CoreSpeed(int Cpu, double MedianMs, double RobustCv, int Rounds, double WallMedianMs = double.NaN);
