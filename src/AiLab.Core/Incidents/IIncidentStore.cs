namespace AiLab.Core.Incidents;

/// <summary>Durable home of incidents and of every attempt to deliver them.</summary>
public interface IIncidentStore
{
    /// <summary>Stores the incident unless one with its id exists; idempotent, so a repeated bisection files nothing
    /// new.</summary>
    Task<RecordedIncident> RecordAsync(Incident incident, CancellationToken cancellationToken = default);

    /// <summary>Finds an incident by id or unique id prefix; null when none matches.</summary>
    /// <exception cref="AmbiguousIncidentIdException">The prefix matches more than one incident.</exception>
    Task<Incident?> FindAsync(string idOrPrefix, CancellationToken cancellationToken = default);

    /// <summary>The most recent incidents, newest first.</summary>
    Task<IReadOnlyList<Incident>> ListAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Changes an incident's status.</summary>
    /// <exception cref="InvalidOperationException">No incident has that id.</exception>
    Task UpdateStatusAsync(string incidentId, IncidentStatus status, CancellationToken cancellationToken = default);

    /// <summary>Appends one delivery attempt, durably, before the task completes.</summary>
    /// <exception cref="InvalidOperationException">The incident is not in the store.</exception>
    Task RecordAttemptAsync(DeliveryAttempt attempt, CancellationToken cancellationToken = default);

    /// <summary>Every delivery attempt of an incident, oldest first.</summary>
    Task<IReadOnlyList<DeliveryAttempt>> GetAttemptsAsync(string incidentId, CancellationToken cancellationToken = default);

    /// <summary>For each open incident (oldest first) and each of <paramref name="sinks"/> without a successful
    /// attempt: what is still to deliver.</summary>
    Task<IReadOnlyList<PendingDelivery>> ListPendingAsync(
        IReadOnlyCollection<string> sinks, CancellationToken cancellationToken = default);
}
