namespace AiLab.Core.Trials;

/// <summary>What the trial's process tree consumed.</summary>
/// <param name="CpuUserMs">User CPU time of the process and every descendant it waited for.</param>
/// <param name="CpuSystemMs">System CPU time, counted the same way.</param>
/// <param name="PeakRssBytes">Peak resident set size of the process tree (sampled sum, never below the kernel's per-process peak).</param>
public sealed record ResourceUsage(double CpuUserMs, double CpuSystemMs, long PeakRssBytes)
{
    /// <summary>No resources measured (the process never started).</summary>
    public static readonly ResourceUsage None = new(0, 0, 0);

    /// <summary>User plus system CPU time.</summary>
    public double CpuTotalMs => CpuUserMs + CpuSystemMs;
}
