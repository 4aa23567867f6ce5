namespace AiLab.Core.Scheduling;

/// <summary>One change-tier comparison the scheduler queued for a new commit: its first parent (A) against it (B).</summary>
public sealed record WorkItem
{
    /// <summary>Queue position, assigned by the store.</summary>
    public long Id { get; init; }

    /// <summary>The repository polled.</summary>
    public required string Repository { get; init; }

    /// <summary>The branch the commit arrived on.</summary>
    public required string Branch { get; init; }

    /// <summary>The baseline: the commit's first parent.</summary>
    public required string BaseCommit { get; init; }

    /// <summary>The new commit.</summary>
    public required string Commit { get; init; }

    /// <summary>The tier: <c>change</c>.</summary>
    public string Tier { get; init; } = "change";

    /// <summary>Where it is.</summary>
    public WorkStatus Status { get; init; } = WorkStatus.Queued;

    /// <summary>The experiment that runs it, once created; a restarted server resumes it.</summary>
    public string? ExperimentId { get; init; }

    /// <summary>How many times it was claimed (more than one: a restart resumed it).</summary>
    public int Attempts { get; init; }

    /// <summary>When it was queued.</summary>
    public required DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>Why it failed, when it did.</summary>
    public string? Reason { get; init; }
}
