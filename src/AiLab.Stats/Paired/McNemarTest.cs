using AiLab.Stats.Distributions;

namespace AiLab.Stats.Paired;

/// <summary>
/// McNemar's test for a change in a paired proportion (Q. McNemar, "Note on the sampling error of the difference
/// between correlated proportions or percentages", Psychometrika 12 (1947) 153–157): under the null hypothesis the
/// discordant pairs split evenly, b ~ Binomial(b + c, 1/2). Reports the exact binomial test and the χ² statistic with
/// Edwards' (1948) continuity correction, as scipy/statsmodels and Agresti, <i>Categorical Data Analysis</i> §10.1 do.
/// </summary>
public static class McNemarTest
{
    /// <summary>The test from the two discordant counts.</summary>
    public static McNemarResult FromDiscordant(long onlyBaseline, long onlyCandidate)
    {
        if (onlyBaseline < 0 || onlyCandidate < 0)
            throw new ArgumentException($"Counts must be non-negative, got b={onlyBaseline}, c={onlyCandidate}.", nameof(onlyBaseline));
        var n = onlyBaseline + onlyCandidate;
        if (n == 0) return new McNemarResult(0, 0, 1, 0, 1);
        var k = Math.Min(onlyBaseline, onlyCandidate);

        // P(X ≤ k) for X ~ Binomial(n, 1/2) is the regularized incomplete beta I_{1/2}(n − k, k + 1); k ≤ n/2 < n.
        var tail = k == n ? 1 : SpecialFunctions.RegularizedIncompleteBeta(n - k, k + 1, 0.5);
        var exact = Math.Min(1, 2 * tail);
        var corrected = Math.Max(Math.Abs(onlyBaseline - onlyCandidate) - 1, 0);
        var chiSquare = corrected * (double)corrected / n;

        // P(χ²₁ ≥ x) = erfc(√(x/2)).
        var chiP = SpecialFunctions.Erfc(Math.Sqrt(chiSquare / 2));
        return new McNemarResult(onlyBaseline, onlyCandidate, exact, chiSquare, chiP);
    }

    /// <summary>The test on per-example successes of two sides (e.g. "the decision was correct").</summary>
    public static McNemarResult Compute(ReadOnlySpan<bool> baseline, ReadOnlySpan<bool> candidate)
    {
        if (baseline.Length != candidate.Length)
            throw new ArgumentException($"{baseline.Length} baseline outcomes but {candidate.Length} candidate ones.", nameof(candidate));
        long b = 0, c = 0;
        for (var i = 0; i < baseline.Length; i++)
        {
            if (baseline[i] && !candidate[i]) b++;
            else if (!baseline[i] && candidate[i]) c++;
        }

        return FromDiscordant(b, c);
    }
}
