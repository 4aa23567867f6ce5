namespace AiLab.Stats.ChangePoints;

/// <summary>
/// Where <see cref="EDivisive"/>'s t-test allows for lag-1 autocorrelation within the segments it compares.
/// </summary>
public enum SerialCorrelationAllowance
{
    /// <summary>Plain Student test everywhere (Otava).</summary>
    None,

    /// <summary>Only when a change point is re-tested against its final neighbours; the split step uses the plain
    /// test, so that a segment still holding an undetected step (which looks autocorrelated) does not hide it (the
    /// default).</summary>
    MergeStep,

    /// <summary>In the split step's test too (the project default before issue 16).</summary>
    BothSteps,
}
