namespace AiLab.Stats.SignificanceTesting;

/// <summary>The outcome of a Mann–Whitney U test.</summary>
/// <param name="U">R's W: the number of pairs (xᵢ − shift, yⱼ) with xᵢ − shift &gt; yⱼ, ties counting one half.</param>
/// <param name="PValue">The p-value under the chosen alternative.</param>
/// <param name="Exact">True when the p-value comes from the exact null distribution, false for the normal approximation.</param>
public sealed record MannWhitneyResult(double U, double PValue, bool Exact);
