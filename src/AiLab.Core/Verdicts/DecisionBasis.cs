namespace AiLab.Core.Verdicts;

/// <summary>Why the overall verdict is what it is: the test that decided, its statistic and threshold, where the
/// threshold came from, and how many trials it saw.</summary>
public sealed record DecisionBasis
{
    /// <summary>The deciding test: <c>welch_log_t</c> (defaults: Welch on logs at α, checked by Mann–Whitney) or the
    /// calibrated detector (e.g. <c>welch_log_t</c>, <c>mann_whitney_z</c>, <c>median_ratio_z</c>).</summary>
    public required string Test { get; init; }

    /// <summary>The test's statistic on this experiment (NaN when the default α rule decided).</summary>
    public double Statistic { get; init; } = double.NaN;

    /// <summary>Alarm when |statistic| exceeds this (NaN when the default α rule decided).</summary>
    public double Threshold { get; init; } = double.NaN;

    /// <summary>Welch's p-value on log values, reported whatever decided.</summary>
    public double PValue { get; init; } = double.NaN;

    /// <summary>Where the threshold came from, in words: the default α, or the calibration and its ROC operating point.</summary>
    public required string ThresholdSource { get; init; }

    /// <summary>The calibration used, or null.</summary>
    public string? CalibrationId { get; init; }

    /// <summary>The operating point's false-positive rate per experiment (calibrated only).</summary>
    public double? OperatingFpr { get; init; }

    /// <summary>The operating point's detection rate at <see cref="DesignShiftPct"/> (calibrated only).</summary>
    public double? OperatingTpr { get; init; }

    /// <summary>The shift the threshold was tuned to detect, in percent.</summary>
    public double? DesignShiftPct { get; init; }

    /// <summary>The smallest shift, in percent, detected 90% of the time at this experiment's trials per variant.</summary>
    public double? MinDetectableEffectPct { get; init; }

    /// <summary>Successful trials of A and B that the verdict used.</summary>
    public required int TrialsA { get; init; }

    /// <summary>Successful trials of B.</summary>
    public required int TrialsB { get; init; }

    /// <summary>Why a calibration was not used (missing, stale, other machine, noise changed), or null.</summary>
    public string? CalibrationNote { get; init; }
}
