namespace AiLab.Stats.Paired;

/// <summary>McNemar's test on the discordant pairs of two paired binary outcomes.</summary>
/// <param name="OnlyBaseline">Pairs where only the baseline side is a success (b).</param>
/// <param name="OnlyCandidate">Pairs where only the candidate side is a success (c).</param>
/// <param name="ExactPValue">Two-sided exact binomial p-value, b ~ Binomial(b + c, 1/2).</param>
/// <param name="ChiSquare">(|b − c| − 1)² / (b + c), Edwards' continuity correction; 0 when b + c = 0.</param>
/// <param name="ChiSquarePValue">P(χ²₁ ≥ <paramref name="ChiSquare"/>).</param>
public sealed record McNemarResult(long OnlyBaseline, long OnlyCandidate, double ExactPValue, double ChiSquare, double ChiSquarePValue)
{
    /// <summary>The exact p-value while there are few discordant pairs, the χ² one past 10⁵ where the exact
    /// one's cost grows and both agree.</summary>
    public double PValue => OnlyBaseline + OnlyCandidate <= 100_000 ? ExactPValue : ChiSquarePValue;
}
