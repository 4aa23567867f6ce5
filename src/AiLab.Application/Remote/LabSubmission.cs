using AiLab.Core.Experiments;
using AiLab.Storage;

namespace AiLab.Application.Remote;

/// <summary>Sends what a command stored locally (<see cref="LocalWork"/>) to a server: the experiments first, then the
/// calibrations and incidents that cite them, so the server never holds a reference to something it lacks. Every
/// step is idempotent, so after a failure the same call (or <c>ailab submit</c>) sends only what is missing.</summary>
public static class LabSubmission
{
    private const int FirstPage = 256;

    /// <summary>One document sent: its id and what the server did with it (e.g. "new, 10 trials added").</summary>
    public sealed record Sent(string Id, string Detail);

    /// <summary>The experiments stored at or after <paramref name="since"/> that <paramref name="keep"/> accepts,
    /// oldest first: what a bisection or a release made, whose ids are spread over its steps.</summary>
    public static async Task<IReadOnlyList<string>> ExperimentsSinceAsync(
        IExperimentStore store, DateTimeOffset since, Func<Experiment, bool> keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(keep);
        for (var limit = FirstPage; ; limit *= 4)
        {
            var recent = await store.ListAsync(limit, cancellationToken).ConfigureAwait(false);
            if (recent.Count < limit || recent[^1].CreatedAt < since)
            {
                return [.. recent.Where(e => e.CreatedAt >= since && keep(e)).OrderBy(e => e.CreatedAt)
                    .Select(e => e.Id)];
            }
        }
    }

    /// <summary>The local documents <paramref name="keys"/> name (ids or unique prefixes), each an experiment, a
    /// calibration or an incident.</summary>
    /// <exception cref="ArgumentException">A key names none of them.</exception>
    public static async Task<LocalWork> ResolveAsync(
        LabStores stores, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(keys);
        var work = new LocalWork();
        foreach (var key in keys)
        {
            if (await stores.Experiments.FindAsync(key, cancellationToken).ConfigureAwait(false) is { } e)
                work = work with { Experiments = [.. work.Experiments, e.Id] };
            else if (await stores.Calibrations.FindAsync(key, cancellationToken).ConfigureAwait(false) is { } c)
                work = work with { Calibrations = [.. work.Calibrations, c.Id] };
            else if (await stores.Incidents.FindAsync(key, cancellationToken).ConfigureAwait(false) is { } i)
                work = work with { Incidents = [.. work.Incidents, i.Id] };
            else
            {
                throw new ArgumentException(
                    $"no experiment, calibration or incident '{key}' in {stores.Location.Display}", nameof(keys));
            }
        }

        return work;
    }

    /// <summary>Sends <paramref name="work"/> from <paramref name="stores"/> to <paramref name="server"/>.</summary>
    /// <exception cref="RemoteException">The server is unreachable or refused a write; what was sent before
    /// stays sent.</exception>
    public static async Task<IReadOnlyList<Sent>> SubmitAsync(
        LabStores stores, RemoteLab server, LocalWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(work);
        var sent = new List<Sent>();
        var experiments = new HashSet<string>(StringComparer.Ordinal);

        async Task ExperimentAsync(string id)
        {
            if (experiments.Contains(id)) return;
            var batch = await ExperimentSubmission.SubmitAsync(stores.Experiments, server, id, cancellationToken)
                .ConfigureAwait(false);
            foreach (var s in batch.Where(s => experiments.Add(s.ExperimentId)))
            {
                sent.Add(new Sent(s.ExperimentId, $"{(s.Created ? "new" : "updated")}, {s.TrialsAdded} "
                    + $"trial{(s.TrialsAdded == 1 ? "" : "s")} added"));
            }
        }

        foreach (var id in work.Experiments) await ExperimentAsync(id).ConfigureAwait(false);
        foreach (var id in work.Calibrations)
        {
            var calibration = await stores.Calibrations.FindAsync(id, cancellationToken).ConfigureAwait(false)
                ?? throw new ArgumentException($"no calibration '{id}' in the local store", nameof(work));
            foreach (var e in calibration.ExperimentIds) await ExperimentAsync(e).ConfigureAwait(false);
            var created = await server.SubmitCalibrationAsync(calibration, cancellationToken).ConfigureAwait(false);
            sent.Add(new Sent(calibration.Id, created ? "calibration, new" : "calibration, already there"));
        }

        foreach (var id in work.Incidents)
        {
            var incident = await stores.Incidents.FindAsync(id, cancellationToken).ConfigureAwait(false)
                ?? throw new ArgumentException($"no incident '{id}' in the local store", nameof(work));
            foreach (var e in incident.Evidence.Select(e => e.ExperimentId).Distinct(StringComparer.Ordinal))
            {
                if (await stores.Experiments.FindAsync(e, cancellationToken).ConfigureAwait(false) is { } held
                    && held.Id == e)
                    await ExperimentAsync(e).ConfigureAwait(false);
            }

            var created = await server.SubmitIncidentAsync(incident, cancellationToken).ConfigureAwait(false);
            sent.Add(new Sent(incident.Id, created ? "incident, new" : "incident, already there"));
        }

        return sent;
    }
}
