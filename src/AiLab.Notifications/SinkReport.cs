namespace AiLab.Notifications;

/// <summary>What happened at one sink in a notify run.</summary>
/// <param name="Sink">The sink's name.</param>
/// <param name="Type">The sink's type.</param>
/// <param name="Results">One entry per incident that was pending for this sink.</param>
public sealed record SinkReport(string Sink, string Type, IReadOnlyList<DeliveryResult> Results)
{
    /// <summary>Incidents delivered in this run.</summary>
    public int Delivered => Results.Count(r => r.Status == DeliveryStatus.Delivered);

    /// <summary>Incidents still pending at this sink after this run.</summary>
    public int StillPending => Results.Count(r => r.Status != DeliveryStatus.Delivered);
}
