using System.Text.Json.Serialization;
using AiLab.Core.Wire;

namespace AiLab.Core.Verdicts;

/// <summary>Why the overall verdict is what it is: the test that decided, its statistic and threshold, where the
/// threshold came from, and how many trials it saw.</summary>
public sealed record DecisionBasis
{
    /// <summary>The deciding test: <c>welch_log_t</c> (defaults: Welch on logs at α, checked by Mann–Whitney) or the
    /// calibrated detector (e.g. <c>welch_log_t</c>, <c>mann_whitney_z</c>, <c>median_ratio_z</c>); stored and sent
    /// by its wire name whatever the serializer's enum policy.</summary>
    [JsonConverter(typeof(WireNameJsonConverter<DecisionTest>))]
    public required DecisionTest Test { get; init; }

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

    /// <summary>How many side-by-side blocks (one A and one B started together) the paired test compared; null when
    /// A and B were compared as independent samples.</summary>
    public int? PairedBlocks { get; init; }

    /// <summary>Successful trials of B.</summary>
    public required int TrialsB { get; init; }

    /// <summary>Why a calibration was not used (missing, stale, other machine, noise changed), or null.</summary>
    public string? CalibrationNote { get; init; }

    /// <summary>The rule that turned the family's tests into the overall verdict:
    /// <c>phase_decomposed_holm</c>.</summary>
    public string Rule { get; init; } = "phase_decomposed_holm";

    /// <summary>The metric that decided the overall verdict: <c>ttfb</c>, or a phase such as
    /// <c>phase:config_validation</c> when TTFB alone could not; null when nothing decided a change.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>Hypotheses in the verdict's family (TTFB and its phases), over which Holm holds the false-alarm
    /// rate.</summary>
    public int FamilySize { get; init; }

    /// <summary>The family-wise level (α of the defaults, the calibration's budget, the sequential design's
    /// α).</summary>
    public double FamilyAlpha { get; init; } = double.NaN;

    /// <summary>The estimated change of TTFB's median in percent of A's: TTFB's own, or the deciding phases' shift in
    /// ms over A's TTFB median.</summary>
    public double TtfbChangePct { get; init; } = double.NaN;

    /// <summary>The interval of <see cref="TtfbChangePct"/>.</summary>
    public double[] TtfbCiPct { get; init; } = [double.NaN, double.NaN];

    /// <summary>One sentence: which rule decided and why TTFB alone did or did not, e.g. "decided by
    /// phase:config_validation +120.6 ms [+119.8, +121.5]; TTFB alone inconclusive because imports noise sd
    /// 9%".</summary>
    public string? Summary { get; init; }
}
