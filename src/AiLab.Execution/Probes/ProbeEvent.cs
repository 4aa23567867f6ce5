namespace AiLab.Execution.Probes;

/// <summary>One parsed line of the events file: <c>{"mark": "...", "t_ns": N, "cpu_ns": C, "pid": P}</c>.</summary>
/// <param name="Mark">Name of the phase that just ended.</param>
/// <param name="TimestampNs">The workload's CLOCK_MONOTONIC reading, or null when the harness must stamp the line.</param>
/// <param name="CpuNs">The marking process's CPU time so far (user + system, all its threads); null when not
/// sent.</param>
/// <param name="Pid">The marking process; null when not sent.</param>
internal sealed record ProbeEvent(string Mark, long? TimestampNs, long? CpuNs = null, int? Pid = null);
