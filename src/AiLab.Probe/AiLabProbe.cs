namespace AiLab.Probe;

/// <summary>Reports the phases of a workload to the AiLab harness (see the probe protocol in DESIGN.md).</summary>
/// <remarks>
/// When the harness sets <c>AILAB_EVENTS</c>, each <see cref="Mark"/> appends
/// <c>{"mark":"NAME","t_ns":N}</c> to that file; without the variable every call is a no-op, so the
/// marks can stay in production code. The variable is read once, at the first use.
/// </remarks>
public static class AiLabProbe
{
    /// <summary>The environment variable that names the events file.</summary>
    public const string EventsVariable = "AILAB_EVENTS";

    private static readonly Lazy<ProbeWriter> Writer = new(
        () => ProbeWriter.FromEnvironment(Environment.GetEnvironmentVariable, Console.Error),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when marks are being recorded: the harness named an events file and writing to it has not failed.</summary>
    public static bool Enabled => Writer.Value.Enabled;

    /// <summary>Records that the phase <paramref name="name"/> (e.g. <c>first_batch</c>) has just ended.</summary>
    /// <param name="name">The mark's name; any string, it is JSON-escaped.</param>
    public static void Mark(string name) => Writer.Value.Mark(name);
}
