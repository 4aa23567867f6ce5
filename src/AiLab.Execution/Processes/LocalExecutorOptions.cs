namespace AiLab.Execution.Processes;

/// <summary>Tuning of <see cref="LocalExecutor"/>. The defaults suit a small machine shared with the workload.</summary>
public sealed class LocalExecutorOptions
{
    /// <summary>How often the resident memory of the process tree is sampled. Default 10 ms.</summary>
    public TimeSpan RssSampleInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How often the events file is checked for new marks; bounds the error of marks stamped on receipt.
    /// Default 5 ms.</summary>
    public TimeSpan EventsPollInterval { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Time between SIGTERM and SIGKILL when the harness stops a trial (timeout, cancellation). Default 2 s.</summary>
    public TimeSpan KillGracePeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Time between SIGTERM and SIGKILL when the harness stops a trial whose measurement is done (every
    /// needed mark arrived). Short: nothing the workload does after its marks is measured. Default 1 s.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait for the output pipes to close after the process group is gone; a process that left
    /// the trial's session may hold them open forever. Default 500 ms.</summary>
    public TimeSpan PipeDrainTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Record what other processes, cpufreq and memory did during each trial (<see cref="Core.Trials.TrialResult.Machine"/>).
    /// Default true; the readings are taken before the spawn and after the reap, outside the measured span.</summary>
    public bool RecordMachineState { get; init; } = true;

    /// <summary>Run each trial in its own cgroup where the machine allows it (see docs/architecture.md, Containment).
    /// Default true; false forces the fallback (session kill and sampled memory), for tests of that path.</summary>
    public bool UseCgroups { get; init; } = true;

    /// <summary>Throws when a setting is out of range (bad input, reported at the edge).</summary>
    public void Validate()
    {
        Positive(RssSampleInterval, nameof(RssSampleInterval));
        Positive(EventsPollInterval, nameof(EventsPollInterval));
        if (KillGracePeriod < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(KillGracePeriod), KillGracePeriod, "must not be negative");
        if (StopGracePeriod < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(StopGracePeriod), StopGracePeriod, "must not be negative");
        if (PipeDrainTimeout < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(PipeDrainTimeout), PipeDrainTimeout, "must not be negative");
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(name, value, "must be positive");
    }
}
