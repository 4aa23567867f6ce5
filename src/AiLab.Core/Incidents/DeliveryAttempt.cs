namespace AiLab.Core.Incidents;

/// <summary>One try at delivering an incident to one sink, successful or not.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="Sink">The sink's name (from ailab.yaml's <c>notify:</c>).</param>
/// <param name="At">When the attempt ended.</param>
/// <param name="Succeeded">True when the sink has the incident.</param>
/// <param name="Error">Why it failed; null on success.</param>
/// <param name="Reference">Where the incident landed (issue URL, Message-Id, file); null when the sink has none.</param>
public sealed record DeliveryAttempt(string IncidentId, string Sink, DateTimeOffset At, bool Succeeded, string? Error, string? Reference);
