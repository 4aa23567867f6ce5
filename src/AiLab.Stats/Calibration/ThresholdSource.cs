namespace AiLab.Stats.Calibration;

/// <summary>Which estimate of the null distribution's tail set a threshold (the larger of the two always wins).</summary>
public enum ThresholdSource
{
    /// <summary>An order statistic of the pseudo-experiments' null statistics (with a Monte Carlo safety margin).</summary>
    Empirical,

    /// <summary>The reference distribution (Student t, normal) scaled to the empirical null's body and extrapolated to
    /// the budget, because the empirical tail was thinner or lighter than that fit.</summary>
    Parametric,
}
