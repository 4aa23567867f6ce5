using AiLab.Core.Incidents;

namespace AiLab.Notifications;

/// <summary>Delivers every open incident to every sink that does not have it yet, with retries and exponential backoff,
/// recording each attempt; what cannot be delivered stays pending for the next run.</summary>
/// <remarks>Nothing here deletes or changes an incident: when every sink is down the incident is still in the store,
/// and the next <c>ailab incidents notify</c> (or the next bisection) tries again.</remarks>
public sealed class Notifier
{
    private readonly IIncidentStore _store;
    private readonly IReadOnlyList<INotificationSink> _sinks;
    private readonly NotifierOptions _options;
    private readonly TimeProvider _time;

    /// <summary>A notifier for <paramref name="sinks"/>, recording attempts in <paramref name="store"/>.</summary>
    /// <exception cref="ArgumentException">Two sinks share a name (their deliveries would be confused).</exception>
    public Notifier(IIncidentStore store, IReadOnlyList<INotificationSink> sinks, NotifierOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sinks);
        var duplicate = sinks.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"two sinks are named '{duplicate.Key}'; delivery records are kept per name", nameof(sinks));
        _options = options ?? new NotifierOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAttempts, 1, nameof(options));
        _store = store;
        _sinks = sinks;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The sinks, in configuration order.</summary>
    public IReadOnlyList<INotificationSink> Sinks => _sinks;

    /// <summary>Delivers what is pending; the sinks work in parallel, each through its incidents oldest first.</summary>
    /// <param name="incidentIds">Only these incidents; null for every open incident.</param>
    /// <param name="cancellationToken">Stops between attempts; attempts made so far stay recorded.</param>
    public async Task<NotificationReport> DeliverPendingAsync(IReadOnlyCollection<string>? incidentIds = null, CancellationToken cancellationToken = default)
    {
        var pending = await _store.ListPendingAsync([.. _sinks.Select(s => s.Name)], cancellationToken)
            .ConfigureAwait(false);
        if (incidentIds is not null)
        {
            var wanted = incidentIds.ToHashSet(StringComparer.Ordinal);
            pending = [.. pending.Where(p => wanted.Contains(p.Incident.Id))];
        }

        var work = _sinks.Select(sink => DeliverToSinkAsync(sink, [.. pending.Where(p => p.Sink == sink.Name)], cancellationToken));
        return new NotificationReport(await Task.WhenAll(work).ConfigureAwait(false));
    }

    private async Task<SinkReport> DeliverToSinkAsync(INotificationSink sink, List<PendingDelivery> pending, CancellationToken cancellationToken)
    {
        var results = new List<DeliveryResult>();
        string? downBecause = null;
        foreach (var item in pending)
        {
            if (downBecause is not null)
            {
                // Backing off again for every incident would only multiply the wait; the next run retries them.
                results.Add(new DeliveryResult(item.Incident.Id, sink.Name, DeliveryStatus.Skipped, 0, null, $"not tried: {downBecause}"));
                continue;
            }

            var result = await DeliverWithRetriesAsync(sink, item.Incident, cancellationToken).ConfigureAwait(false);
            results.Add(result.Result);
            if (result.SinkIsDown)
                downBecause = $"the sink failed {result.Result.Attempts} tries for {item.Incident.Id} in this run ({result.Result.Error})";
        }

        return new SinkReport(sink.Name, sink.Type, results);
    }

    private async Task<(DeliveryResult Result, bool SinkIsDown)> DeliverWithRetriesAsync(
        INotificationSink sink, Incident incident, CancellationToken cancellationToken)
    {
        DeliveryOutcome outcome = DeliveryOutcome.Transient("not tried");
        var attempt = 0;
        while (attempt < _options.MaxAttempts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            attempt++;
            outcome = await TryOnceAsync(sink, incident, cancellationToken).ConfigureAwait(false);
            // Not cancellable: an attempt that was made is recorded, so it is neither lost nor repeated blindly.
            await _store.RecordAttemptAsync(
                new DeliveryAttempt(
                    incident.Id, sink.Name, _time.GetUtcNow(), outcome.Succeeded, outcome.Error, outcome.Reference),
                CancellationToken.None).ConfigureAwait(false);
            if (outcome.Succeeded)
                return (new DeliveryResult(incident.Id, sink.Name, DeliveryStatus.Delivered, attempt, outcome.Reference, null), false);
            if (outcome.IsPermanent)
                return (new DeliveryResult(incident.Id, sink.Name, DeliveryStatus.Failed, attempt, null, outcome.Error), false);
            if (attempt < _options.MaxAttempts)
                await Task.Delay(_options.DelayAfter(attempt), _time, cancellationToken).ConfigureAwait(false);
        }

        return (new DeliveryResult(incident.Id, sink.Name, DeliveryStatus.Failed, attempt, null, outcome.Error), true);
    }

    private static async Task<DeliveryOutcome> TryOnceAsync(INotificationSink sink, Incident incident, CancellationToken cancellationToken)
    {
        try
        {
            return await sink.DeliverAsync(incident, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A sink's bug must not cost the other sinks their deliveries; it is recorded like any failure.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return DeliveryOutcome.Transient($"{sink.Type} sink failed unexpectedly: {e.GetType().Name}: {e.Message}");
        }
    }
}
