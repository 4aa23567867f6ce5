namespace AiLab.Core.Machine;

/// <summary>How fast and how steady one CPU ran the fixed calibration loop.</summary>
/// <param name="Cpu">The CPU number.</param>
/// <param name="MedianMs">Median milliseconds per run of the loop; lower is faster.</param>
/// <param name="RobustCv">Spread of the runs: 1.4826·MAD / median (a CV that a few interrupted runs do not move).</param>
/// <param name="Rounds">Runs of the loop measured on this CPU.</param>
public sealed record CoreSpeed(int Cpu, double MedianMs, double RobustCv, int Rounds);
