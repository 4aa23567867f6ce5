namespace AiLab.Server.Scheduling;

/// <summary>What the scheduler watches and how it runs the change and release tiers (<c>ailab serve --watch</c>).
/// </summary>
public sealed record SchedulerOptions
{
    /// <summary>The git repository polled for new commits.</summary>
    public required string Repository { get; init; }

    /// <summary>Branches whose new commits get the change tier (default <c>main</c>).</summary>
    public IReadOnlyList<string> Branches { get; init; } = ["main"];

    /// <summary>The workflow's command (one trial).</summary>
    public required string Run { get; init; }

    /// <summary>Measured trials per variant.</summary>
    public int Trials { get; init; } = 6;

    /// <summary>Warm-up trials per variant.</summary>
    public int Warmup { get; init; } = 1;

    /// <summary>Most experiments run at once; trials of parallel experiments disturb each other's timing, so 1 unless
    /// the machine has cores to spare.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Branches whose every new head is a release candidate: the release tier compares it with the
    /// previous head seen (default none).</summary>
    public IReadOnlyList<string> ReleaseBranches { get; init; } = [];

    /// <summary>A tag glob (e.g. <c>v*</c>) whose every new tag is a release candidate: the release tier compares it
    /// with the previous matching tag; null for none.</summary>
    public string? ReleaseTags { get; init; }

    /// <summary>Measured trials per variant in the release tier: the full measurement, more than a change's.</summary>
    public int ReleaseTrials { get; init; } = 20;

    /// <summary>How often the branches are polled.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);
}
