namespace AiLab.Stats.SignificanceTesting;

/// <summary>The outcome of a t-test: the statistic, its (possibly fractional) degrees of freedom and the p-value.</summary>
/// <param name="T">The t statistic (±∞ when both samples are constant and their means differ).</param>
/// <param name="DegreesOfFreedom">The degrees of freedom of the reference t distribution.</param>
/// <param name="PValue">The p-value under the chosen alternative.</param>
public sealed record TTestResult(double T, double DegreesOfFreedom, double PValue);
