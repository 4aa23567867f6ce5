namespace AiLab.Core.Trials;

/// <summary>What a cluster scheduler did with a trial: when the lab submitted it, when the scheduler made it eligible
/// and started it, on which node, and how the node's clock relates to the submitting host's (docs/slurm.md).</summary>
public sealed record SchedulerFacts
{
    /// <summary>The scheduler, e.g. <c>slurm</c>.</summary>
    public required string Scheduler { get; init; }

    /// <summary>The job of the attempt that produced the trial's numbers.</summary>
    public required string JobId { get; init; }

    /// <summary>Submissions made for this trial (1 when no infrastructure failure was retried).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>The node the job ran on, as the scheduler names it; null when it never started.</summary>
    public string? Node { get; init; }

    /// <summary>The submitting host's wall clock just before <c>sbatch</c> ran: where TTFB starts (for a job
    /// submitted held, at <see cref="ReleasedAt"/>).</summary>
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When the lab released the job, submitted held, together with the rest of its block (A and B side by
    /// side, so that they reach the scheduler in one pass); the queue phase and TTFB count from here. Null for a job
    /// submitted eligible.</summary>
    public DateTimeOffset? ReleasedAt { get; init; }

    /// <summary>The scheduler's SubmitTime (its own clock, whole seconds).</summary>
    public DateTimeOffset? SchedulerSubmitTime { get; init; }

    /// <summary>The scheduler's EligibleTime: when the job could first have started (dependencies, begin times,
    /// holds and limits satisfied). Whole seconds.</summary>
    public DateTimeOffset? EligibleAt { get; init; }

    /// <summary>The scheduler's StartTime of the job (whole seconds).</summary>
    public DateTimeOffset? JobStartedAt { get; init; }

    /// <summary>The scheduler's EndTime of the job (whole seconds).</summary>
    public DateTimeOffset? JobEndedAt { get; init; }

    /// <summary>The scheduler's final state of the job, e.g. <c>COMPLETED</c>, <c>FAILED</c>,
    /// <c>NODE_FAIL</c>.</summary>
    public string? FinalState { get; init; }

    /// <summary>Milliseconds from the submit to the workload's start on the node, on the submitting host's clock: the
    /// <c>queue</c> phase. Null when the job never started the workload.</summary>
    public double? QueueMs { get; init; }

    /// <summary>The node's wall clock minus the submitting host's, in milliseconds, measured by a round trip through
    /// the shared directory after the workload ended; null when the round trip did not complete.</summary>
    public double? ClockOffsetMs { get; init; }

    /// <summary>Half the round trip of the offset measurement: the offset is known to within this many ms.</summary>
    public double? ClockOffsetUncertaintyMs { get; init; }

    /// <summary>The machine that ran the workload, read on the node; null when it never started.</summary>
    public NodeIdentity? NodeMachine { get; init; }

    /// <summary>One sentence per earlier attempt that the scheduler ended (infrastructure failures, retried).</summary>
    public IReadOnlyList<string> InfrastructureFailures { get; init; } = [];

    /// <summary>Where the trial's peak memory (<see cref="ResourceUsage.PeakRssBytes"/>) came from on the node: the
    /// job step's memory cgroup (<c>cgroup v1 PATH memory.max_usage_in_bytes</c>, <c>cgroup v2 PATH memory.peak</c>)
    /// or Slurm's accounting (<c>slurm sstat MaxRSS ...</c>, sampled); null when neither was there.</summary>
    public string? PeakMemorySource { get; init; }
}
