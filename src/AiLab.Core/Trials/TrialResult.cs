namespace AiLab.Core.Trials;

/// <summary>The outcome of one run of one workflow under one variant.</summary>
public sealed record TrialResult
{
    /// <summary>Whether the trial produced a measurement.</summary>
    public required TrialStatus Status { get; init; }

    /// <summary>Why it failed; <see cref="FailureKind.None"/> when it succeeded.</summary>
    public FailureKind Failure { get; init; }

    /// <summary>A sentence a person can act on, for failed trials (and for warnings worth surfacing).</summary>
    public string? Reason { get; init; }

    /// <summary>Exit status of the main process, when it exited normally.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Signal that ended the main process, when one did.</summary>
    public int? Signal { get; init; }

    /// <summary>Wall-clock time the process was started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Milliseconds from spawn to the end of the main process (or to the kill).</summary>
    public double WallMs { get; init; }

    /// <summary>Time to first batch in milliseconds; null unless the trial reached <c>first_batch</c>.</summary>
    public double? TtfbMs { get; init; }

    /// <summary>Every mark received, in order of arrival.</summary>
    public IReadOnlyList<Mark> Marks { get; init; } = [];

    /// <summary>Phase durations up to and including <c>first_batch</c>.</summary>
    public IReadOnlyList<Phase> Phases { get; init; } = [];

    /// <summary>Set when the harness stopped the workload once every needed mark had arrived: the trial succeeded,
    /// and its CPU time and peak memory cover the run up to the stop.</summary>
    public TrialStop? Stop { get; init; }

    /// <summary>When every mark the experiment needs had arrived, and the CPU spent by then; null when they never all
    /// arrived or none were awaited.</summary>
    public MarksReached? MarksReached { get; init; }

    /// <summary>GPU time the trial held (GPUs times wall time), in milliseconds; null for a CPU-only trial.</summary>
    public double? GpuMs { get; init; }

    /// <summary>CPU time and peak memory of the process tree (up to the stop when <see cref="Stop"/> is set).</summary>
    public ResourceUsage Resources { get; init; } = ResourceUsage.None;

    /// <summary>Path of the captured stdout/stderr.</summary>
    public string? LogPath { get; init; }

    /// <summary>Path of the probe events file.</summary>
    public string? EventsPath { get; init; }

    /// <summary>Problems that did not fail the trial: unparseable event lines, marks out of order, leftover processes.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>What the rest of the machine did while the trial ran; null when it was not recorded.</summary>
    public Machine.MachineState? Machine { get; init; }

    /// <summary>What the cluster scheduler did with the trial (submit, eligible and start times, node, clock offset);
    /// null for trials run as local processes. When set, marks and TTFB count from the submit and the first phase is
    /// <c>queue</c>.</summary>
    public SchedulerFacts? Scheduler { get; init; }

    /// <summary>The schedule block (one trial of each variant) this trial was started in side by side with its
    /// partners, in one wave; null when it ran one at a time (local trials) or its block was split over waves. Trials
    /// of one block share what the moment gave them (a scheduler pass), so the verdict compares them paired.</summary>
    public int? Block { get; init; }

    /// <summary>True when the trial's numbers may be used.</summary>
    public bool Succeeded => Status == TrialStatus.Succeeded;
}
