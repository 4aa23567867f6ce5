using AiLab.Core.Experiments;

namespace AiLab.Lab.Capacity;

/// <summary>The experiments of a store with their trials, read once: the one source of what trials cost, for the
/// capacity ledger (<see cref="CapacityLedger.From"/>) and the change tier's pricing
/// (<see cref="ChangeTier.StoredTrialCost.From"/>), so a command that needs both scans the store once.</summary>
/// <param name="experiments">Each experiment with its trials in schedule order, newest experiment first.</param>
public sealed class StoredTrials(IReadOnlyList<(Experiment Experiment, IReadOnlyList<TrialRecord> Trials)> experiments)
{
    /// <summary>Each experiment with its trials in schedule order, newest experiment first.</summary>
    public IReadOnlyList<(Experiment Experiment, IReadOnlyList<TrialRecord> Trials)> Experiments { get; } = experiments;

    /// <summary>Reads the latest <paramref name="limit"/> experiments of <paramref name="store"/> (all by default)
    /// and their trials.</summary>
    public static async Task<StoredTrials> LoadAsync(IExperimentStore store, CancellationToken cancellationToken,
        int limit = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(store);
        var read = new List<(Experiment, IReadOnlyList<TrialRecord>)>();
        foreach (var experiment in await store.ListAsync(limit, cancellationToken).ConfigureAwait(false))
            read.Add((experiment, await store.GetTrialsAsync(experiment.Id, cancellationToken).ConfigureAwait(false)));
        return new StoredTrials(read);
    }

    /// <summary>The latest <paramref name="count"/> experiments of this reading.</summary>
    public StoredTrials Latest(int count) =>
        count >= Experiments.Count ? this : new StoredTrials(Experiments.Take(count).ToList());
}
