namespace AiLab.Core.Experiments;

/// <summary>Durable home of experiments and their trials. Each trial is written the moment it ends.</summary>
public interface IExperimentStore
{
    /// <summary>Stores a new experiment.</summary>
    Task CreateAsync(Experiment experiment, CancellationToken cancellationToken = default);

    /// <summary>Replaces the stored experiment's status, reason, verdict and spec (its trial count may grow).</summary>
    Task UpdateAsync(Experiment experiment, CancellationToken cancellationToken = default);

    /// <summary>Appends one finished trial, durably, before the task completes.</summary>
    Task AddTrialAsync(TrialRecord trial, CancellationToken cancellationToken = default);

    /// <summary>Appends finished trials (of any experiments) in one batch, durably and atomically, before the task
    /// completes: an ingestion path for many results at once. The default adds them one by one.</summary>
    async Task AddTrialsAsync(IReadOnlyList<TrialRecord> trials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trials);
        foreach (var trial in trials)
            await AddTrialAsync(trial, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finds an experiment by its id or by a unique prefix of it; null when none matches.</summary>
    /// <exception cref="AmbiguousIdException">The prefix matches more than one experiment.</exception>
    Task<Experiment?> FindAsync(string idOrPrefix, CancellationToken cancellationToken = default);

    /// <summary>Whether an experiment with exactly <paramref name="id"/> is stored (no prefix matching).</summary>
    Task<bool> ExistsAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The digests of the most recent experiments (of <paramref name="workflow"/>, or of all when null),
    /// newest first by creation time then id, at most <paramref name="limit"/>, starting after the experiment
    /// <paramref name="afterId"/> when given (keyset pagination: a page never repeats or skips one).</summary>
    /// <exception cref="ArgumentException"><paramref name="afterId"/> is not stored (under that workflow).</exception>
    Task<IReadOnlyList<ExperimentDigest>> DigestsAsync(
        string? workflow, int limit, string? afterId = null, CancellationToken cancellationToken = default);

    /// <summary>The most recent experiments, newest first.</summary>
    Task<IReadOnlyList<Experiment>> ListAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Every workflow with at least one experiment, by name, with how many it has.</summary>
    Task<IReadOnlyList<WorkflowCount>> WorkflowsAsync(CancellationToken cancellationToken = default);

    /// <summary>The <paramref name="limit"/> most recent experiments of <paramref name="workflow"/>, newest
    /// first.</summary>
    Task<IReadOnlyList<Experiment>> ListByWorkflowAsync(
        string workflow, int limit, CancellationToken cancellationToken = default);

    /// <summary>All trials of an experiment in schedule order.</summary>
    Task<IReadOnlyList<TrialRecord>> GetTrialsAsync(string experimentId, CancellationToken cancellationToken = default);
}
