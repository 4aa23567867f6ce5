namespace AiLab.Stats.Calibration;

/// <summary>The calibrated decision rule of one workflow's metric: detector, threshold, operating point and why.
/// A plain record, so that the lab can store it as JSON next to the calibration it came from.</summary>
public sealed record ThresholdSelection
{
    /// <summary>The chosen detector.</summary>
    public required Detector Detector { get; init; }

    /// <summary>Alarm when |statistic| exceeds this.</summary>
    public required double Threshold { get; init; }

    /// <summary>Where the threshold came from (empirical null or parametric fit).</summary>
    public required ThresholdSource Source { get; init; }

    /// <summary>The operating point's false-positive rate (two-sided), at most the budget.</summary>
    public required double Fpr { get; init; }

    /// <summary>The operating point's detection rate at <see cref="DesignShift"/>.</summary>
    public required double Tpr { get; init; }

    /// <summary>The shift the threshold was tuned for (0.03 = 3%).</summary>
    public required double DesignShift { get; init; }

    /// <summary>How much wider than the textbook threshold this one is (see <see cref="DetectorEvaluation.Inflation"/>).</summary>
    public required double NullInflation { get; init; }

    /// <summary>The Welch candidate's inflation (≥ 1), whatever was chosen: the factor by which a sequential design
    /// on Welch's statistic should shrink its z-values to stay honest on this workflow's noise.</summary>
    public required double WelchInflation { get; init; }

    /// <summary>The smallest relative shift detected at least 80% of the time at this n, or null if none up to 100%.</summary>
    public double? MinDetectableShift80 { get; init; }

    /// <summary>The smallest relative shift detected at least 90% of the time at this n, or null if none up to 100%.</summary>
    public double? MinDetectableShift90 { get; init; }

    /// <summary>The per-experiment two-sided false-positive budget it was tuned to.</summary>
    public required double Budget { get; init; }

    /// <summary>Trials per variant of the experiments it applies to.</summary>
    public required int PerSide { get; init; }

    /// <summary>Calibration values it was fitted on.</summary>
    public required int PoolSize { get; init; }

    /// <summary>Null pseudo-experiments drawn.</summary>
    public required int NullExperiments { get; init; }

    /// <summary>Every candidate with its threshold, power and ROC curve.</summary>
    public required IReadOnlyList<DetectorEvaluation> Candidates { get; init; }

    /// <summary>One paragraph saying why this detector and threshold, for the verdict's report.</summary>
    public required string Why { get; init; }

    /// <summary>Applies the rule to a real experiment: baseline <paramref name="a"/>, candidate <paramref name="b"/>.</summary>
    /// <remarks>The threshold holds its false-positive rate for experiments of <see cref="PerSide"/> trials per side;
    /// with fewer trials it is too lenient for the median ratio and a little lenient for the others.</remarks>
    public CalibratedDecision Decide(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var statistic = DetectorStatistic.Compute(Detector, a, b);
        var direction = statistic > Threshold ? 1 : statistic < -Threshold ? -1 : 0;
        return new CalibratedDecision(Detector, statistic, Threshold, direction);
    }
}
