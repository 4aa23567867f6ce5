namespace AiLab.Core.Scheduling;

/// <summary>The scheduler's durable queue: what was seen on each branch, and the work it queued.</summary>
public interface IWorkQueue
{
    /// <summary>The last commit the scheduler queued work for on <paramref name="branch"/>, or null.</summary>
    string? LastSeen(string repository, string branch);

    /// <summary>Queues <paramref name="items"/> (skipping commits already queued for their tier) and records
    /// <paramref name="head"/> as seen on the branch, in one transaction.</summary>
    void Enqueue(string repository, string branch, string head, IReadOnlyList<WorkItem> items);

    /// <summary>Moves the oldest queued item to running and returns it; null when none is queued.</summary>
    WorkItem? Claim();

    /// <summary>Records the experiment that runs <paramref name="id"/>.</summary>
    void SetExperiment(long id, string experimentId);

    /// <summary>Ends an item as done or failed.</summary>
    void Finish(long id, WorkStatus status, string? reason);

    /// <summary>Puts every running item back in the queue (at start-up: their runner died); returns how many.</summary>
    int RequeueRunning();

    /// <summary>Every item, newest first.</summary>
    IReadOnlyList<WorkItem> List();
}
