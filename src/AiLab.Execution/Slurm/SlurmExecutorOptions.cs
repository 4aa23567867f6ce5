namespace AiLab.Execution.Slurm;

/// <summary>How the Slurm executor watches its jobs.</summary>
public sealed class SlurmExecutorOptions
{
    /// <summary>How often the job's state is asked of the controller (one <c>scontrol</c> call each). The trial's
    /// figures do not depend on it (they come from the node's stamps); only how soon an end is noticed.</summary>
    public TimeSpan StatePollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the events file is read, for marks without <c>t_ns</c> that are stamped on receipt.</summary>
    public TimeSpan EventsPollInterval { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How long a finished job's handover file may take to appear (a network file system's delay).</summary>
    public TimeSpan HandoverWait { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long to wait for a cancelled job to leave the node before giving up on it.</summary>
    public TimeSpan CancelWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Consecutive failed <c>scontrol</c> calls after which the controller counts as unreachable.</summary>
    public int QueryFailuresAllowed { get; init; } = 10;
}
