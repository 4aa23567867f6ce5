namespace AiLab.Core.Trials;

/// <summary>Why a trial failed. Expected failures of a workload are values, not exceptions.</summary>
public enum FailureKind
{
    /// <summary>The trial did not fail.</summary>
    None,

    /// <summary>The command could not be started at all (missing executable, bad working directory).</summary>
    SpawnFailed,

    /// <summary>The workload exited with a non-zero status.</summary>
    NonZeroExit,

    /// <summary>The workload was killed by a signal it did not get from the harness.</summary>
    Signaled,

    /// <summary>The workload ran past its timeout; the harness killed its whole process group.</summary>
    TimedOut,

    /// <summary>The workload exited without ever marking <c>first_batch</c> (nor matching the fallback pattern).</summary>
    NoFirstBatch,

    /// <summary>The variant's build command failed, so no trial could run.</summary>
    BuildFailed,

    /// <summary>The harness was interrupted (Ctrl-C, SIGTERM) while the trial ran.</summary>
    Interrupted,

    /// <summary>The cluster's scheduler ended the job (node failure, preemption, its own time limit, a cancellation
    /// the lab did not ask for) on every attempt: the infrastructure failed, not the workload, so it is never a
    /// regression (docs/slurm.md).</summary>
    Infrastructure,
}
