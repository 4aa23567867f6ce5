namespace AiLab.Execution.Probes;

/// <summary>One parsed line of the events file: <c>{"mark": "...", "t_ns": N}</c>.</summary>
/// <param name="Mark">Name of the phase that just ended.</param>
/// <param name="TimestampNs">The workload's CLOCK_MONOTONIC reading, or null when the harness must stamp the line.</param>
internal sealed record ProbeEvent(string Mark, long? TimestampNs);
