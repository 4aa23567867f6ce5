namespace AiLab.Core.Footprints;

/// <summary>Durable home of footprints (per workflow and revision) and of the change tier's outcomes.</summary>
public interface IFootprintStore
{
    /// <summary>Stores a footprint, replacing the one of the same workflow and revision.</summary>
    Task SaveAsync(Footprint footprint, CancellationToken cancellationToken = default);

    /// <summary>The footprint of <paramref name="workflow"/> at <paramref name="revision"/>, or null.</summary>
    Task<Footprint?> FindAsync(string workflow, string revision, CancellationToken cancellationToken = default);

    /// <summary>The most recently recorded footprint of <paramref name="workflow"/>, or null.</summary>
    Task<Footprint?> LatestAsync(string workflow, CancellationToken cancellationToken = default);

    /// <summary>Records what a change-tier experiment found.</summary>
    Task AddOutcomeAsync(ChangeOutcome outcome, CancellationToken cancellationToken = default);

    /// <summary>Every recorded outcome, oldest first.</summary>
    Task<IReadOnlyList<ChangeOutcome>> OutcomesAsync(CancellationToken cancellationToken = default);
}
