namespace AiLab.Stats.ChangePoints;

/// <summary>The segment cost <see cref="Pelt"/> minimises.</summary>
public enum PeltCost
{
    /// <summary>Gaussian likelihood with its own mean and variance per segment: n·ln σ̂² (Killick et al. 2012, §4).</summary>
    NormalMeanVariance,

    /// <summary>
    /// The nonparametric empirical-distribution cost of ED-PELT (Haynes, Fearnhead &amp; Eckley 2017), with
    /// K = ⌈4 ln n⌉ quantiles and penalty 3 ln n, computed exactly as Perfolizer's <c>EdPeltChangePointDetector</c>.
    /// </summary>
    EmpiricalDistribution,
}
