namespace AiLab.Lab.Bisection;

/// <summary>How a bisection ended.</summary>
public enum BisectStatus
{
    /// <summary>It ran to its end (with or without culprits).</summary>
    Completed,

    /// <summary>The good or the bad commit itself could not be built or run: there is nothing to compare against.</summary>
    WorkloadFailed,

    /// <summary>Stopped by the user; the experiments so far are stored, and the findings so far are reported.</summary>
    Interrupted,
}
