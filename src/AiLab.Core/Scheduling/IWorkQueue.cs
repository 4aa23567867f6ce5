namespace AiLab.Core.Scheduling;

/// <summary>The scheduler's durable queue: what was seen on each branch, and the work it queued.</summary>
public interface IWorkQueue
{
    /// <summary>The last commit the scheduler queued work for on <paramref name="branch"/>, or null.</summary>
    Task<string?> LastSeenAsync(string repository, string branch, CancellationToken cancellationToken = default);

    /// <summary>Queues <paramref name="items"/> (skipping commits already queued for their tier) and records
    /// <paramref name="head"/> as seen on the branch, in one transaction.</summary>
    Task EnqueueAsync(string repository, string branch, string head, IReadOnlyList<WorkItem> items, CancellationToken cancellationToken = default);

    /// <summary>Moves the oldest queued item to running and returns it; null when none is queued.</summary>
    Task<WorkItem?> ClaimAsync(CancellationToken cancellationToken = default);

    /// <summary>Records the experiment that runs <paramref name="id"/>.</summary>
    Task SetExperimentAsync(long id, string experimentId, CancellationToken cancellationToken = default);

    /// <summary>Ends an item as done or failed.</summary>
    Task FinishAsync(long id, WorkStatus status, string? reason, CancellationToken cancellationToken = default);

    /// <summary>Puts every running item back in the queue (at start-up: their runner died); returns how many.</summary>
    Task<int> RequeueRunningAsync(CancellationToken cancellationToken = default);

    /// <summary>Every item, newest first.</summary>
    Task<IReadOnlyList<WorkItem>> ListAsync(CancellationToken cancellationToken = default);
}
