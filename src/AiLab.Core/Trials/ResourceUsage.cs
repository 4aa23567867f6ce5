namespace AiLab.Core.Trials;

/// <summary>What the trial's process tree consumed.</summary>
/// <param name="CpuUserMs">User CPU time of the process and every descendant it waited for.</param>
/// <param name="CpuSystemMs">System CPU time, counted the same way.</param>
/// <param name="PeakRssBytes">Peak memory of the workload's process tree alone, measured as
/// <paramref name="PeakRssMethod"/> says.</param>
/// <param name="PeakRssMethod">How <paramref name="PeakRssBytes"/> was measured: <see cref="CgroupMethod"/> or
/// <see cref="SampledMethod"/>; null for trials stored before the method was recorded (those figures included the
/// harness's own memory and are not comparable).</param>
public sealed record ResourceUsage(
    double CpuUserMs, double CpuSystemMs, long PeakRssBytes, string? PeakRssMethod = null)
{
    /// <summary>The high-water mark of the trial's own cgroup (v1 <c>memory.max_usage_in_bytes</c>): every process
    /// of the tree, however short-lived, from its first page.</summary>
    public const string CgroupMethod = "cgroup";

    /// <summary>The largest sum of the tree's resident sets seen by sampling /proc every few milliseconds, used where
    /// no cgroup can be created: a peak shorter than the sampling interval can be missed.</summary>
    public const string SampledMethod = "sampled";

    /// <summary>No resources measured (the process never started).</summary>
    public static readonly ResourceUsage None = new(0, 0, 0);

    /// <summary>User plus system CPU time.</summary>
    public double CpuTotalMs => CpuUserMs + CpuSystemMs;
}
