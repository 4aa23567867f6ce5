namespace AiLab.Core.Trials;

/// <summary>The moment every mark the experiment needs had arrived, and what the trial had spent by then; what a
/// trial spends after it is the cost that stopping saves.</summary>
/// <param name="AtMs">Milliseconds from the spawn to the receipt of the last needed mark (CLOCK_MONOTONIC).</param>
/// <param name="CpuMs">User plus system CPU time of the process tree at that moment, read from /proc (clock-tick
/// resolution, 10 ms); null when it could not be read.</param>
public sealed record MarksReached(double AtMs, double? CpuMs);
