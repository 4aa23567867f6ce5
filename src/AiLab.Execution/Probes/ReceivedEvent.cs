namespace AiLab.Execution.Probes;

/// <summary>A probe event together with where and when the harness read it.</summary>
/// <param name="Event">The parsed line.</param>
/// <param name="LineNumber">1-based line number in the events file, for warnings.</param>
/// <param name="ReceivedNs">CLOCK_MONOTONIC nanoseconds at which the harness read the line.</param>
internal sealed record ReceivedEvent(ProbeEvent Event, int LineNumber, long ReceivedNs);
