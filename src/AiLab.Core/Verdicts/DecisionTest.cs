namespace AiLab.Core.Verdicts;

/// <summary>The test that decided a verdict (<see cref="DecisionBasis.Test"/>); its wire name is the snake_case of
/// the member (<c>welch_log_t</c>).</summary>
public enum DecisionTest
{
    /// <summary>Welch's t-test on log values: the default α rule, or a calibration's chosen detector.</summary>
    WelchLogT,

    /// <summary>The Mann–Whitney z statistic with a calibrated threshold.</summary>
    MannWhitneyZ,

    /// <summary>The median ratio over its bootstrap standard error, with a calibrated threshold.</summary>
    MedianRatioZ,

    /// <summary>Welch's t-test on log values at the looks of a group-sequential design.</summary>
    GroupSequentialWelchLogT,

    /// <summary>The paired t-test on the per-block log ratios log(B) − log(A), checked by the Wilcoxon signed-rank
    /// test: A and B ran side by side in blocks.</summary>
    PairedLogT,
}
