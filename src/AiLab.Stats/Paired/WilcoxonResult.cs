namespace AiLab.Stats.Paired;

/// <summary>The outcome of a Wilcoxon signed-rank test.</summary>
/// <param name="Pairs">Non-zero differences ranked (zeros are dropped).</param>
/// <param name="VPlus">The sum of the ranks of the positive differences (R's V).</param>
/// <param name="PValue">The p-value under the chosen alternative.</param>
/// <param name="Exact">True when the p-value comes from the exact null distribution.</param>
public sealed record WilcoxonResult(int Pairs, double VPlus, double PValue, bool Exact)
{
    /// <summary>The smaller of the positive and negative rank sums: scipy's two-sided statistic.</summary>
    public double Smaller => Math.Min(VPlus, (Pairs * (Pairs + 1.0) / 2) - VPlus);
}
