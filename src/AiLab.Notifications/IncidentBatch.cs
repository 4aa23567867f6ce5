using AiLab.Core.Incidents;

namespace AiLab.Notifications;

/// <summary>What <see cref="IncidentService.RecordAndNotifyAsync"/> did.</summary>
/// <param name="Recorded">Each incident as stored, and whether it was new.</param>
/// <param name="Notifications">The delivery report, per sink.</param>
public sealed record IncidentBatch(IReadOnlyList<RecordedIncident> Recorded, NotificationReport Notifications);
