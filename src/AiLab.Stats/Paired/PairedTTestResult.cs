namespace AiLab.Stats.Paired;

/// <summary>The outcome of a paired t-test on the differences y − x.</summary>
/// <param name="Pairs">How many pairs it saw.</param>
/// <param name="MeanDifference">The mean of y − x.</param>
/// <param name="T">The t statistic (±∞ when every difference is the same non-zero value).</param>
/// <param name="DegreesOfFreedom">Pairs − 1.</param>
/// <param name="PValue">The two-sided p-value.</param>
/// <param name="Low">Lower end of the confidence interval of the mean difference.</param>
/// <param name="High">Upper end of the confidence interval of the mean difference.</param>
public sealed record PairedTTestResult(
    int Pairs, double MeanDifference, double T, double DegreesOfFreedom, double PValue, double Low, double High);
