namespace AiLab.Execution.Slurm;

/// <summary>What each Slurm job state means to the lab (Slurm's squeue(1) "JOB STATE CODES").</summary>
public static class SlurmJobStates
{
    /// <summary>States from which a job does not move on: it ran (or will never run) and its result can be
    /// read.</summary>
    public static bool IsFinished(string state) => Base(state) is
        "COMPLETED" or "FAILED" or "CANCELLED" or "TIMEOUT" or "NODE_FAIL" or "PREEMPTED" or "BOOT_FAIL" or "DEADLINE"
        or "OUT_OF_MEMORY" or "SPECIAL_EXIT" or "REVOKED";

    /// <summary>True when the scheduler, not the workload, ended the job: a node failed or did not boot, a job of
    /// higher priority preempted it, the scheduler's own time limit or deadline ended it. A cancellation the lab did
    /// not ask for (an administrator, a maintenance reservation) counts too, but only the caller knows that, so
    /// <c>CANCELLED</c> is not listed here.</summary>
    public static bool IsInfrastructure(string state) => Base(state) is
        "NODE_FAIL" or "PREEMPTED" or "BOOT_FAIL" or "TIMEOUT" or "DEADLINE" or "REVOKED";

    /// <summary>True while the job waits for the scheduler (it has not started the batch script yet).</summary>
    public static bool IsPending(string state) => Base(state) is "PENDING" or "REQUEUED" or "REQUEUE_HOLD"
        or "REQUEUE_FED" or "CONFIGURING" or "RESV_DEL_HOLD";

    // scontrol appends flags to some states, e.g. "CANCELLED by 0".
    private static string Base(string state) => state.Split(' ', 2)[0];
}
