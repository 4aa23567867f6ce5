namespace AiLab.Stats.Calibration;

/// <summary>
/// The noise of one metric of one workflow, measured on A/A calibration trials (one revision, in run order):
/// spread, shape, outliers, drift across the run, and the spread of the effect estimate under no change.
/// A plain record of numbers (no NaN), so that the lab can store it as JSON and compare calibrations as they age.
/// </summary>
public sealed record NoiseProfile
{
    /// <summary>Values the profile was computed from.</summary>
    public required int Count { get; init; }

    /// <summary>Median of the values, in the metric's unit.</summary>
    public required double Median { get; init; }

    /// <summary>Standard deviation of the natural logs (≈ the coefficient of variation for small noise).</summary>
    public required double LogSd { get; init; }

    /// <summary>Robust spread of the logs: 1.4826·MAD (equals <see cref="LogSd"/> for normal logs; Hampel 1974).</summary>
    public required double LogMadSd { get; init; }

    /// <summary>Sample skewness of the logs (0 for lognormal values; positive for a long right tail).</summary>
    public required double LogSkewness { get; init; }

    /// <summary>Sample excess kurtosis of the logs (0 for lognormal values; large for rare big outliers).</summary>
    public required double LogExcessKurtosis { get; init; }

    /// <summary>Tail weight: (q99 − q01) / (q75 − q25) of the logs, divided by the normal's 3.449, so 1 is normal and
    /// larger is heavier-tailed (a quantile measure in the spirit of Hoaglin, Mosteller &amp; Tukey 1983).</summary>
    public required double TailWeight { get; init; }

    /// <summary>Share of values more than 3 robust sds (<see cref="LogMadSd"/>) from the median on the log scale
    /// (0.27% for lognormal data).</summary>
    public required double OutlierShare { get; init; }

    /// <summary>Medians of consecutive blocks of the run, in percent relative to the pool's median.</summary>
    public required IReadOnlyList<double> BlockMedianPct { get; init; }

    /// <summary>Least-squares trend of the logs over run order, in percent per 100 trials.</summary>
    public required double TrendPctPer100Trials { get; init; }

    /// <summary>Change of the median from the first half of the run to the second, in percent.</summary>
    public required double LevelShiftPct { get; init; }

    /// <summary>Mann–Whitney p-value of first half against second half: small means the level moved during the run
    /// (the runs were not exchangeable, so random splits understate the noise of a non-interleaved experiment).</summary>
    public required double LevelShiftPValue { get; init; }

    /// <summary>The effect estimate's spread under no change at the requested n per side.</summary>
    public required NullEffectSpread NullEffect { get; init; }
}
