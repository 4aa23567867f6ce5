namespace AiLab.Lab.Bisection;

/// <summary>The number of A/B experiments bisection may spend per culprit: ⌈log2(commits)⌉ + 3 — the binary search,
/// the comparison of the whole range, the culprit's own verification, and one repeat of an inconclusive step.</summary>
public static class BisectBudget
{
    /// <summary>The budget per culprit for a range of <paramref name="commits"/> commits (good excluded, bad included).</summary>
    public static int PerCulprit(int commits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(commits, 1);
        var log = 0;
        while ((1L << log) < commits) log++;
        return log + 3;
    }
}
