namespace AiLab.Core.Experiments;

/// <summary>Durable home of experiments and their trials. Each trial is written the moment it ends.</summary>
public interface IExperimentStore
{
    /// <summary>Stores a new experiment.</summary>
    void Create(Experiment experiment);

    /// <summary>Replaces the stored experiment's status, reason, verdict and spec (its trial count may grow).</summary>
    void Update(Experiment experiment);

    /// <summary>Appends one finished trial, durably, before returning.</summary>
    void AddTrial(TrialRecord trial);

    /// <summary>Finds an experiment by its id or by a unique prefix of it; null when none matches.</summary>
    /// <exception cref="AmbiguousIdException">The prefix matches more than one experiment.</exception>
    Experiment? Find(string idOrPrefix);

    /// <summary>The most recent experiments, newest first.</summary>
    IReadOnlyList<Experiment> List(int limit);

    /// <summary>All trials of an experiment in schedule order.</summary>
    IReadOnlyList<TrialRecord> GetTrials(string experimentId);
}
