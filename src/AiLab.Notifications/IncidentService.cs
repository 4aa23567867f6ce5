using AiLab.Core.Incidents;
using AiLab.Core.Incidents.Sinks;

namespace AiLab.Notifications;

/// <summary>The one call a bisection or release makes: record the attributed regressions, then deliver everything
/// pending (theirs and any earlier ones a sink missed).</summary>
public sealed class IncidentService(IIncidentStore store, Notifier notifier)
{
    /// <summary>The store incidents are recorded in.</summary>
    public IIncidentStore Store { get; } = store;

    /// <summary>The notifier that delivers them.</summary>
    public Notifier Notifier { get; } = notifier;

    /// <summary>A service for the sinks of a <c>notify:</c> section.</summary>
    /// <param name="store">Where incidents and attempts are kept.</param>
    /// <param name="config">The section (may have no sinks: incidents are then only stored).</param>
    /// <param name="baseDirectory">The config file's directory, for relative Markdown directories.</param>
    /// <param name="http">The client webhooks post with.</param>
    /// <param name="time">The clock for backoff and attempt times; null for the system's.</param>
    /// <param name="environment">Reads secrets by variable name; null for the process environment.</param>
    public static IncidentService Create(
        IIncidentStore store, NotifyConfig config, string baseDirectory, HttpClient http, TimeProvider? time = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var sinks = SinkFactory.Create(config.Sinks, baseDirectory, http, environment);
        return new IncidentService(store, new Notifier(store, sinks, NotifierOptions.From(config), time));
    }

    /// <summary>Stores the incident unless its attribution is already recorded (then returns the stored one).</summary>
    public Task<RecordedIncident> RecordAsync(Incident incident, CancellationToken cancellationToken = default) =>
        Store.RecordAsync(incident, cancellationToken);

    /// <summary>Records each incident, then delivers every pending notification; never throws for a sink that is down.</summary>
    public async Task<IncidentBatch> RecordAndNotifyAsync(IReadOnlyList<Incident> incidents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        var recorded = new List<RecordedIncident>(incidents.Count);
        foreach (var incident in incidents)
            // Not cancellable: an interruption may cost a delivery, never the incident itself.
            recorded.Add(await Store.RecordAsync(incident, CancellationToken.None).ConfigureAwait(false));
        var report = await Notifier.DeliverPendingAsync(null, cancellationToken).ConfigureAwait(false);
        return new IncidentBatch(recorded, report);
    }
}
