namespace AiLab.Core.Trials;

/// <summary>Whether a trial produced a measurement.</summary>
public enum TrialStatus
{
    /// <summary>The workload reached its first batch and exited cleanly; its numbers count.</summary>
    Succeeded,

    /// <summary>The workload failed; the trial carries the reason and its log, never a number.</summary>
    Failed,
}
