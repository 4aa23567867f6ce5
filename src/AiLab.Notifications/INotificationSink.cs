using AiLab.Core.Incidents;

namespace AiLab.Notifications;

/// <summary>A place incidents are delivered to: a webhook, an issue tracker, a mailbox, a folder.</summary>
public interface INotificationSink
{
    /// <summary>The sink's configured name; delivery attempts are recorded under it.</summary>
    string Name { get; }

    /// <summary>The sink's type (<c>webhook</c>, <c>github</c>, <c>smtp</c>, <c>markdown</c>).</summary>
    string Type { get; }

    /// <summary>Delivers one incident. A sink that is down or refuses is an outcome, not an exception; delivering an
    /// incident the sink already has must not create a second copy where the sink can tell.</summary>
    Task<DeliveryOutcome> DeliverAsync(Incident incident, CancellationToken cancellationToken);
}
