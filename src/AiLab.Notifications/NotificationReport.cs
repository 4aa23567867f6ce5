namespace AiLab.Notifications;

/// <summary>What a notify run did, per sink.</summary>
/// <param name="Sinks">One report per configured sink, in configuration order.</param>
public sealed record NotificationReport(IReadOnlyList<SinkReport> Sinks)
{
    /// <summary>True when nothing is left pending after the run.</summary>
    public bool AllDelivered => Sinks.All(s => s.StillPending == 0);

    /// <summary>Deliveries made in this run, over all sinks.</summary>
    public int Delivered => Sinks.Sum(s => s.Delivered);

    /// <summary>Deliveries still pending after this run, over all sinks.</summary>
    public int StillPending => Sinks.Sum(s => s.StillPending);
}
