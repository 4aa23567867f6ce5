using AiLab.Stats.Calibration;

namespace AiLab.Lab.Calibrations;

/// <summary>A calibration as one experiment uses it: the threshold chosen for that experiment's trials per variant,
/// and the calibration's robust noise level, against which the experiment's own noise is checked.</summary>
public sealed record AppliedCalibration
{
    /// <summary>The calibration's id.</summary>
    public required string CalibrationId { get; init; }

    /// <summary>The owner's budget in words.</summary>
    public required string Budget { get; init; }

    /// <summary>The rule for the primary metric at this experiment's trials per variant.</summary>
    public required ThresholdSelection Selection { get; init; }

    /// <summary>The calibration pool's robust sd of log values (MAD-based).</summary>
    public required double LogMadSd { get; init; }

    /// <summary>The experiment's noise may be this many times the calibration's before the calibration is set aside
    /// as stale. Default 2.</summary>
    public double MaxNoiseRatio { get; init; } = 2.0;
}
