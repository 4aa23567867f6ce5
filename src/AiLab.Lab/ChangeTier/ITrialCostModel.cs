using AiLab.Core.Experiments;

namespace AiLab.Lab.ChangeTier;

/// <summary>What a trial costs, for the change tier's budget. Today it is read from what trials record (their CPU
/// time); the capacity ledger can take its place behind this interface.</summary>
public interface ITrialCostModel
{
    /// <summary>Expected CPU seconds of one trial of the workflow named <paramref name="workflow"/>; null when
    /// nothing is known about it.</summary>
    double? CpuSecondsPerTrial(string workflow);

    /// <summary>The CPU seconds <paramref name="trials"/> spent (warm-ups and failed trials included).</summary>
    double CpuSeconds(IEnumerable<TrialRecord> trials);

    /// <summary>The relative noise of the workflow's TTFB (standard deviation of log TTFB between trials of one
    /// variant); null when unknown.</summary>
    double? TtfbNoise(string workflow);
}
