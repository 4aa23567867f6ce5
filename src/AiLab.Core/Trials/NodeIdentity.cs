namespace AiLab.Core.Trials;

/// <summary>The machine a cluster job ran on, read on the node itself, so calibrations can fingerprint it.</summary>
/// <param name="Host">The node's short host name.</param>
/// <param name="CpuModel">The processor's model name from the node's /proc/cpuinfo.</param>
/// <param name="LogicalCpus">The node's online logical CPUs.</param>
/// <param name="AllocatedCpus">The CPUs the job was allowed to run on (its affinity), e.g. <c>0</c> or
/// <c>0-3</c>.</param>
public sealed record NodeIdentity(string Host, string CpuModel, int LogicalCpus, string AllocatedCpus);
