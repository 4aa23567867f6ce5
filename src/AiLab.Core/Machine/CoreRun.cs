namespace AiLab.Core.Machine;

/// <summary>One run of the core-speed loop on one CPU.</summary>
/// <param name="CpuMs">CPU time the run took: how fast the core is while it runs the loop.</param>
/// <param name="WallMs">Wall time it took: also how much of the time other processes and interrupts left it.</param>
public sealed record CoreRun(double CpuMs, double WallMs);
