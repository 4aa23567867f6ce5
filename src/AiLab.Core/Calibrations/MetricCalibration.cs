using AiLab.Stats.Calibration;

namespace AiLab.Core.Calibrations;

/// <summary>One metric's calibration: every A/A trial value (so a threshold for another number of trials can be
/// chosen later), the noise profile, and the selected threshold when one was selected.</summary>
public sealed record MetricCalibration
{
    /// <summary>Metric name, e.g. <c>ttfb</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The pooled A/A values, in run order.</summary>
    public required IReadOnlyList<double> Pool { get; init; }

    /// <summary>Spread, shape and drift of the pool.</summary>
    public required NoiseProfile Profile { get; init; }

    /// <summary>The ROC-selected detector and threshold at <see cref="Calibration.TrialsPerVariant"/>; null for metrics
    /// that only have a profile.</summary>
    public ThresholdSelection? Threshold { get; init; }
}
