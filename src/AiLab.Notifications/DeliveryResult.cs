namespace AiLab.Notifications;

/// <summary>The result of delivering one incident to one sink in a notify run.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Sink">The sink's name.</param>
/// <param name="Status">Delivered, failed or skipped.</param>
/// <param name="Attempts">Tries made in this run.</param>
/// <param name="Reference">Where it landed, when delivered.</param>
/// <param name="Error">The last error, when not delivered.</param>
public sealed record DeliveryResult(string IncidentId, string Sink, DeliveryStatus Status, int Attempts, string? Reference, string? Error);
