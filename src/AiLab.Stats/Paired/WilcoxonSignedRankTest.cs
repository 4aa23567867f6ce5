using AiLab.Stats.Distributions;
using AiLab.Stats.SignificanceTesting;

namespace AiLab.Stats.Paired;

/// <summary>The Wilcoxon signed-rank test of paired samples.</summary>
public static class WilcoxonSignedRankTest
{
    // R's wilcox.test uses the exact distribution only for fewer pairs than this.
    private const int ExactLimit = 50;

    /// <summary>
    /// Tests whether the differences <c>y[i] − x[i]</c> are symmetric about 0 (F. Wilcoxon, Biometrics Bulletin 1
    /// (1945) 80–83), reproducing R <c>wilcox.test(y, x, paired = TRUE)</c>: zero differences are dropped; the p-value
    /// is exact when fewer than 50 pairs remain and no absolute differences tie, otherwise it is the normal
    /// approximation with tie-corrected variance and continuity correction (scipy's <c>wilcoxon(y, x)</c> with
    /// <c>method="exact"</c>, or <c>method="approx", correction=True</c>, gives the same p-values).
    /// </summary>
    /// <remarks>The smallest exact two-sided p-value with n pairs is 2/2ⁿ: 0.031 at 6 pairs, 0.0078 at 8. Every
    /// difference zero gives p = 1 (R stops with an error there).</remarks>
    /// <exception cref="ArgumentException">Empty or unequal samples, or a non-finite value.</exception>
    public static WilcoxonResult Run(
        IReadOnlyList<double> x, IReadOnlyList<double> y, Alternative alternative = Alternative.TwoSided)
    {
        if (!Enum.IsDefined(alternative))
            throw new ArgumentOutOfRangeException(nameof(alternative), alternative, "Unknown alternative.");
        var d = PairedTTest.Differences(x, y, minPairs: 1).Where(v => v != 0).ToArray();
        var n = d.Length;
        if (n == 0) return new WilcoxonResult(0, 0, 1, Exact: false);
        var (vPlus, hasTies, tieTerm) = RankSums(d);
        if (n < ExactLimit && !hasTies)
            return new WilcoxonResult(n, vPlus, ExactPValue(n, (int)vPlus, alternative), Exact: true);
        return new WilcoxonResult(n, vPlus, NormalPValue(n, vPlus, tieTerm, alternative), Exact: false);
    }

    /// <summary>The smallest two-sided p-value the exact test can give with <paramref name="pairs"/> pairs.</summary>
    public static double SmallestExactPValue(int pairs) => Math.Min(1, 2 / Math.Pow(2, pairs));

    private static double ExactPValue(int n, int v, Alternative alternative)
    {
        // Counts of subsets of {1..n} by their sum: the null distribution of V, every sign equally likely.
        var max = n * (n + 1) / 2;
        var counts = new double[max + 1];
        counts[0] = 1;
        for (var rank = 1; rank <= n; rank++)
            for (var s = max; s >= rank; s--)
                counts[s] += counts[s - rank];
        var total = Math.Pow(2, n);
        var lower = counts.Take(v + 1).Sum() / total;
        var upper = counts.Skip(v).Sum() / total;
        return alternative switch
        {
            Alternative.Greater => upper,
            Alternative.Less => lower,
            _ => Math.Min(1, 2 * Math.Min(lower, upper)),
        };
    }

    // R wilcox.test, the paired "normal approximation" branch with correct = TRUE.
    private static double NormalPValue(int n, double vPlus, double tieTerm, Alternative alternative)
    {
        var z = vPlus - (n * (n + 1.0) / 4);
        var sigma = Math.Sqrt((n * (n + 1.0) * ((2.0 * n) + 1) / 24) - (tieTerm / 48));
        return ContinuityCorrectedNormal.PValue(z, sigma, alternative);
    }

    /// <summary>Midranks of |d|: the rank sum of the positive differences, and Σ(t³ − t) over tie groups.</summary>
    private static (double VPlus, bool HasTies, double TieTerm) RankSums(double[] d)
    {
        var order = Enumerable.Range(0, d.Length).OrderBy(i => Math.Abs(d[i])).ToArray();
        double vPlus = 0, tieTerm = 0;
        var hasTies = false;
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && Math.Abs(d[order[end]]) == Math.Abs(d[order[start]])) end++;
            var count = end - start;
            var midrank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++)
                if (d[order[k]] > 0) vPlus += midrank;
            if (count > 1)
            {
                hasTies = true;
                tieTerm += ((double)count * count * count) - count;
            }

            start = end;
        }

        return (vPlus, hasTies, tieTerm);
    }
}
