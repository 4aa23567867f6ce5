namespace AiLab.Stats.MultipleTesting;

/// <summary>Holm's sequentially rejective (step-down) procedure: tests a family of hypotheses so that the chance of
/// rejecting any true one stays at or below α, whatever the dependence between the tests.</summary>
/// <remarks>
/// Holm, S. (1979), "A simple sequentially rejective multiple test procedure", Scandinavian Journal of Statistics 6,
/// 65–70. It is the shortcut of the closed testing principle (Marcus, Peritz &amp; Gabriel 1976) with Bonferroni tests
/// of the intersections: sort the m p-values, compare the i-th smallest (1-based) with α / (m − i + 1), and stop at the
/// first that fails. The adjusted p-value of the i-th smallest is max over j ≤ i of min(1, (m − j + 1) p₍ⱼ₎), so a
/// hypothesis is rejected at level α exactly when its adjusted p-value is at most α (Wright 1992). A missing p-value
/// (NaN: too few trials) counts as 1: it is part of the family but never rejected.
/// </remarks>
public static class HolmStepDown
{
    /// <summary>Holm-adjusted p-values, in the order of <paramref name="pValues"/>.</summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var m = pValues.Count;
        var p = pValues.Select(v => double.IsNaN(v) ? 1.0 : v).ToArray();
        if (p.Any(v => v < 0 || v > 1)) throw new ArgumentException("p-values must lie in [0, 1]", nameof(pValues));
        // A stable sort keeps tied p-values in input order, so the result does not depend on the sort's whims.
        var order = Enumerable.Range(0, m).OrderBy(i => p[i]).ThenBy(i => i).ToArray();
        var adjusted = new double[m];
        var running = 0.0;
        for (var rank = 0; rank < m; rank++)
        {
            var i = order[rank];
            running = Math.Max(running, Math.Min(1.0, (m - rank) * p[i]));
            adjusted[i] = running;
        }

        return adjusted;
    }

    /// <summary>The level the i-th smallest p-value (0-based <paramref name="rank"/>) of a family of
    /// <paramref name="familySize"/> is compared with: α / (m − rank).</summary>
    public static double Level(double alpha, int familySize, int rank)
    {
        if (familySize < 1)
            throw new ArgumentOutOfRangeException(nameof(familySize), "a family has at least one member");
        if (rank < 0 || rank >= familySize) throw new ArgumentOutOfRangeException(nameof(rank));
        return alpha / (familySize - rank);
    }
}
