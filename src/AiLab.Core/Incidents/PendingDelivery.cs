namespace AiLab.Core.Incidents;

/// <summary>An open incident that a sink has not received yet.</summary>
/// <param name="Incident">The incident.</param>
/// <param name="Sink">The sink that lacks it.</param>
/// <param name="FailedAttempts">Attempts made so far, all failed.</param>
/// <param name="LastError">The last attempt's error; null when none was made.</param>
public sealed record PendingDelivery(Incident Incident, string Sink, int FailedAttempts, string? LastError);
