namespace AiLab.Lab.Capacity;

/// <summary>The capacity that stopping trials after their marks saved, and how that was estimated.</summary>
/// <param name="StoppedTrials">Trials the harness stopped once their measurement was done.</param>
/// <param name="ReferenceTrials">Trials of the same workflow that ran to completion past their marks, whose tail
/// (what they spent after the last needed mark) is the estimate of what a stopped trial would have spent.</param>
/// <param name="CpuSeconds">CPU seconds saved; null when no reference trial exists.</param>
/// <param name="WallSeconds">Wall seconds saved; null when no reference trial exists.</param>
/// <param name="Method">One sentence saying where the reference tail came from.</param>
public sealed record StopSavingsEstimate(
    int StoppedTrials, int ReferenceTrials, double? CpuSeconds, double? WallSeconds, string Method)
{
    /// <summary>Nothing was stopped, so nothing was saved.</summary>
    public static readonly StopSavingsEstimate None = new(0, 0, 0, 0, "no trial was stopped");

    /// <summary>Adds two estimates (null when either is unknown: a sum with an unknown part is unknown).</summary>
    public StopSavingsEstimate Plus(StopSavingsEstimate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.StoppedTrials == 0) return this;
        if (StoppedTrials == 0) return other;
        return new StopSavingsEstimate(StoppedTrials + other.StoppedTrials, ReferenceTrials + other.ReferenceTrials,
            CpuSeconds + other.CpuSeconds, WallSeconds + other.WallSeconds,
            Method == other.Method ? Method : "summed over experiments, each estimated from its own reference tails");
    }
}
