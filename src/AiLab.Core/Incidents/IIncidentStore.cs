namespace AiLab.Core.Incidents;

/// <summary>Durable home of incidents and of every attempt to deliver them.</summary>
public interface IIncidentStore
{
    /// <summary>Stores the incident unless one with its id exists; idempotent, so a repeated bisection files nothing new.</summary>
    RecordedIncident Record(Incident incident);

    /// <summary>Finds an incident by id or unique id prefix; null when none matches.</summary>
    /// <exception cref="AmbiguousIncidentIdException">The prefix matches more than one incident.</exception>
    Incident? Find(string idOrPrefix);

    /// <summary>The most recent incidents, newest first.</summary>
    IReadOnlyList<Incident> List(int limit);

    /// <summary>Changes an incident's status.</summary>
    /// <exception cref="InvalidOperationException">No incident has that id.</exception>
    void UpdateStatus(string incidentId, IncidentStatus status);

    /// <summary>Appends one delivery attempt, durably, before returning.</summary>
    /// <exception cref="InvalidOperationException">The incident is not in the store.</exception>
    void RecordAttempt(DeliveryAttempt attempt);

    /// <summary>Every delivery attempt of an incident, oldest first.</summary>
    IReadOnlyList<DeliveryAttempt> GetAttempts(string incidentId);

    /// <summary>For each open incident (oldest first) and each of <paramref name="sinks"/> without a successful
    /// attempt: what is still to deliver.</summary>
    IReadOnlyList<PendingDelivery> ListPending(IReadOnlyCollection<string> sinks);
}
