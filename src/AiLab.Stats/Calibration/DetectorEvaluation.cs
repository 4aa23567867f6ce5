namespace AiLab.Stats.Calibration;

/// <summary>One candidate detector scored on the calibration pool: its threshold at the budget and what it buys.</summary>
public sealed record DetectorEvaluation
{
    /// <summary>The detector.</summary>
    public required Detector Detector { get; init; }

    /// <summary>The threshold on |statistic| at the budget: the larger of the empirical and the parametric one.</summary>
    public required double Threshold { get; init; }

    /// <summary>Which of the two set <see cref="Threshold"/>.</summary>
    public required ThresholdSource Source { get; init; }

    /// <summary>The empirical threshold, or null when the null sample had too few exceedances at the budget.</summary>
    public double? EmpiricalThreshold { get; init; }

    /// <summary>The parametric threshold: the reference quantile at the budget times <see cref="NullScale"/>.</summary>
    public required double ParametricThreshold { get; init; }

    /// <summary>The reference distribution's quantile at the budget (Student t with 2n − 2 df for Welch, t with n − 1 df
    /// for the studentized median ratio, normal for Mann–Whitney).</summary>
    public required double ReferenceQuantile { get; init; }

    /// <summary>The null's scale relative to the reference, fitted on the body of the null (98th percentile of |S|),
    /// at least 1: calibration may widen a textbook threshold, never narrow it.</summary>
    public required double NullScale { get; init; }

    /// <summary><see cref="Threshold"/> / <see cref="ReferenceQuantile"/> (≥ 1): how much wider than textbook the threshold is.</summary>
    public double Inflation => Threshold / ReferenceQuantile;

    /// <summary>The false-positive rate at the threshold: the larger of the empirical share and the parametric tail.</summary>
    public required double Fpr { get; init; }

    /// <summary>The detection rate at the design shift.</summary>
    public required double TprAtDesignShift { get; init; }

    /// <summary>The detection rate at each target shift.</summary>
    public required IReadOnlyList<ShiftPower> Power { get; init; }

    /// <summary>The ROC curve (FPR vs TPR at the design shift), downsampled, by increasing threshold.</summary>
    public required IReadOnlyList<RocPoint> Roc { get; init; }
}
