namespace AiLab.Stats.Calibration;

/// <summary>A statistic that turns an A/B experiment into one number; large positive values say "B is slower".</summary>
public enum Detector
{
    /// <summary>Welch's t on log values (B. L. Welch, Biometrika 34 (1947) 28–35): mean log B − mean log A over its standard error.</summary>
    WelchLogT,

    /// <summary>Mann–Whitney U of B against A as a z-score, tie-corrected, no continuity correction (Mann &amp; Whitney 1947).</summary>
    MannWhitneyZ,

    /// <summary>The log ratio of medians, median(log B) − median(log A), over its standard error √(s_A² + s_B²) with
    /// s = 1.2533·1.4826·MAD/√n (the median's asymptotic sd, √(π/2)·σ/√n, with σ from the MAD; Hampel 1974). Studentized
    /// so that its threshold transfers across noise levels; under normal logs it follows Student t with n − 1 df closely.</summary>
    MedianRatioZ,
}
