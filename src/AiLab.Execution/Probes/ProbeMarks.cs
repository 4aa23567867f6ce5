namespace AiLab.Execution.Probes;

/// <summary>Mark names with a meaning to the harness.</summary>
internal static class ProbeMarks
{
    /// <summary>The mark that ends time to first batch.</summary>
    public const string FirstBatch = "first_batch";

    /// <summary>The environment variable that tells the workload where to append its marks.</summary>
    public const string EventsVariable = "AILAB_EVENTS";
}
