namespace AiLab.Stats.SignificanceTesting;

/// <summary>
/// The exact null distribution of the Mann–Whitney statistic W for sample sizes m and n without ties
/// (R's <c>pwilcox</c>; the counting recurrence of Mann &amp; Whitney 1947, run over the pooled order).
/// </summary>
internal static class MannWhitneyDistribution
{
    /// <summary>
    /// (P(W ≤ w), P(W ≥ w)), each summed over its own tail so that tiny p-values keep their relative accuracy.
    /// </summary>
    public static (double Lower, double Upper) Tails(int m, int n, int w)
    {
        var counts = Counts(m, n);
        var maxW = m * n;
        var total = Sum(counts, 0, maxW);
        var lower = w < 0 ? 0 : w >= maxW ? 1 : Sum(counts, 0, w) / total;
        var upper = w <= 0 ? 1 : w > maxW ? 0 : Sum(counts, w, maxW) / total;
        return (lower, upper);
    }

    /// <summary>
    /// counts[u] = the number of ways to interleave m x's among n y's so that W = u. Built element by element in
    /// pooled order: an x placed as the j-th x at pooled position i has i − j y's below it. Only additions of
    /// positive numbers, so the counts (up to C(98, 49) ≈ 2.5e28 here) carry no cancellation error.
    /// </summary>
    private static double[] Counts(int m, int n)
    {
        var maxW = m * n;
        var table = new double[m + 1][];
        for (var j = 0; j <= m; j++)
        {
            table[j] = new double[maxW + 1];
        }

        table[0][0] = 1;
        for (var i = 1; i <= m + n; i++)
        {
            // Descending j, so that table[j - 1] still holds the counts before element i was placed.
            for (var j = Math.Min(i, m); j >= Math.Max(1, i - n); j--)
            {
                var below = i - j;
                var source = table[j - 1];
                var target = table[j];
                var sourceMax = (j - 1) * below;
                for (var u = 0; u <= sourceMax; u++)
                {
                    target[u + below] += source[u];
                }
            }
        }

        return table[m];
    }

    private static double Sum(double[] values, int from, int to)
    {
        var sum = 0.0;
        for (var i = from; i <= to; i++)
        {
            sum += values[i];
        }

        return sum;
    }
}
