using AiLab.Core.Experiments;

namespace AiLab.Application.Remote;

/// <summary>Submits experiments measured here (stored in the local store as their trials ended) to a server, with
/// the confirmation runs that decided their verdict.</summary>
public static class ExperimentSubmission
{
    /// <summary>How far back the confirmations of an experiment are looked for (they are created right after it).
    /// </summary>
    private const int RecentExperiments = 200;

    /// <summary>One experiment submitted: its id, whether the server created it (else updated), trials added.</summary>
    public sealed record Submitted(string ExperimentId, bool Created, int TrialsAdded);

    /// <summary>Submits the stored experiment <paramref name="experimentId"/> and its confirmation runs; repeatable
    /// (what the server holds is not sent again).</summary>
    /// <exception cref="ArgumentException">No such experiment in the local store.</exception>
    public static async Task<IReadOnlyList<Submitted>> SubmitAsync(
        IExperimentStore store, RemoteLab server, string experimentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(server);
        var experiment = await store.FindAsync(experimentId, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException($"no experiment '{experimentId}' in the local store", nameof(experimentId));
        var recent = await store.ListAsync(RecentExperiments, cancellationToken).ConfigureAwait(false);
        // The original first, so that a confirmation's link (confirmationOf) points at an experiment the server has.
        var batch = new List<Experiment> { experiment };
        batch.AddRange(recent.Where(e => e.ConfirmationOf == experiment.Id).OrderBy(e => e.CreatedAt));
        var submitted = new List<Submitted>();
        foreach (var e in batch)
        {
            var trials = await store.GetTrialsAsync(e.Id, cancellationToken).ConfigureAwait(false);
            var (created, added) = await server.SubmitAsync(e, trials, cancellationToken).ConfigureAwait(false);
            submitted.Add(new Submitted(e.Id, created, added));
        }

        return submitted;
    }
}
