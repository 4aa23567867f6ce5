namespace AiLab.Core.Incidents;

/// <summary>The outcome of recording an incident.</summary>
/// <param name="Incident">The stored incident: the new one, or the one recorded earlier under the same id.</param>
/// <param name="IsNew">False when an incident with this id already existed (and was left as it was).</param>
public sealed record RecordedIncident(Incident Incident, bool IsNew);
