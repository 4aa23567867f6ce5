using AiLab.Execution.Processes.Containment;

namespace AiLab.Execution.Processes;

/// <summary>A trial's started process: the process, the CLOCK_MONOTONIC stamp of its spawn, and its cgroup (null
/// where the machine offers none).</summary>
internal sealed record RunningTrial(SpawnedProcess Process, long SpawnNs, TrialCgroup? Cgroup);
