namespace AiLab.Core.Scheduling;

/// <summary>Where a scheduled piece of work is.</summary>
public enum WorkStatus
{
    /// <summary>Waiting for a free slot.</summary>
    Queued,

    /// <summary>Claimed by the server; its experiment is being run. After a crash it goes back to queued and resumes
    /// its experiment: stored trials are kept, the rest run.</summary>
    Running,

    /// <summary>Its experiment completed with a verdict.</summary>
    Done,

    /// <summary>Its experiment failed (build, workload); the reason says why.</summary>
    Failed,
}
