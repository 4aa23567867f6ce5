using AiLab.Stats.Distributions;
using AiLab.Stats.Validation;

namespace AiLab.Stats.SignificanceTesting;

/// <summary>The Mann–Whitney U (Wilcoxon rank-sum) test of two independent samples.</summary>
public static class MannWhitneyUTest
{
    // R's wilcox.test uses the exact distribution only while both samples are smaller than this.
    private const int ExactLimit = 50;

    /// <summary>
    /// Tests whether x − <paramref name="shift"/> tends to be larger or smaller than y (H. B. Mann &amp; D. R. Whitney,
    /// Ann. Math. Statist. 18 (1947) 50–60; F. Wilcoxon, Biometrics Bulletin 1 (1945) 80–83), reproducing
    /// R <c>wilcox.test(x, y, mu = shift, alternative = alt)</c>: exact when both n &lt; 50 and there are no ties,
    /// otherwise the normal approximation with tie-corrected variance and continuity correction.
    /// </summary>
    /// <remarks>
    /// The exact two-sided p-value follows R: min(1, 2·min(P(W ≤ w), P(W ≥ w))), the smaller tail doubled.
    /// (Perfolizer's reference values differ from R in two documented cases; see the tests.)
    /// Where R returns NaN (every value tied, so the variance is zero) this returns p = 1.
    /// </remarks>
    /// <exception cref="ArgumentException">A sample is empty or has a non-finite value, or shift is not finite.</exception>
    public static MannWhitneyResult Run(IReadOnlyList<double> x, IReadOnlyList<double> y, double shift = 0, Alternative alternative = Alternative.TwoSided)
    {
        SampleGuard.Require(x, nameof(x));
        SampleGuard.Require(y, nameof(y));
        SampleGuard.RequireFinite(shift, nameof(shift));
        if (!Enum.IsDefined(alternative))
        {
            throw new ArgumentOutOfRangeException(nameof(alternative), alternative, "Unknown alternative.");
        }

        int m = x.Count, n = y.Count;
        var ranks = RankSum(x, y, shift);
        var w = ranks.SumOfXRanks - (m * (m + 1.0) / 2);

        if (m < ExactLimit && n < ExactLimit && !ranks.HasTies)
        {
            return new MannWhitneyResult(w, ExactPValue(m, n, (int)w, alternative), Exact: true);
        }

        return new MannWhitneyResult(w, NormalPValue(m, n, w, ranks.TieTerm, alternative), Exact: false);
    }

    private static double ExactPValue(int m, int n, int w, Alternative alternative)
    {
        var (lower, upper) = MannWhitneyDistribution.Tails(m, n, w);
        return alternative switch
        {
            Alternative.Greater => upper,
            Alternative.Less => lower,
            _ => Math.Min(1, 2 * Math.Min(lower, upper)),
        };
    }

    // R wilcox.test, the "normal approximation" branch with correct = TRUE.
    private static double NormalPValue(int m, int n, double w, double tieTerm, Alternative alternative)
    {
        var total = (double)m + n;
        var z = w - (m * (double)n / 2);
        var sigma = Math.Sqrt(m * (double)n / 12 * (total + 1 - (tieTerm / (total * (total - 1)))));
        return ContinuityCorrectedNormal.PValue(z, sigma, alternative);
    }

    /// <summary>Midranks of the pooled sample (x − shift, y): the rank sum of x, and Σ(t³ − t) over tie groups.</summary>
    private static (double SumOfXRanks, bool HasTies, double TieTerm) RankSum(IReadOnlyList<double> x, IReadOnlyList<double> y, double shift)
    {
        int m = x.Count, total = x.Count + y.Count;
        var values = new double[total];
        var isX = new bool[total];
        for (var i = 0; i < m; i++)
        {
            values[i] = x[i] - shift; // x − mu, as R computes it, so that ties appear exactly where R sees them
            isX[i] = true;
        }

        for (var j = 0; j < y.Count; j++)
        {
            values[m + j] = y[j];
        }

        Array.Sort(values, isX);

        var sumOfXRanks = 0.0;
        var tieTerm = 0.0;
        for (var start = 0; start < total;)
        {
            var end = start + 1;
            while (end < total && values[end] == values[start])
            {
                end++;
            }

            var count = end - start;
            var midrank = (start + 1 + end) / 2.0; // ranks start+1 .. end
            for (var k = start; k < end; k++)
            {
                if (isX[k])
                {
                    sumOfXRanks += midrank;
                }
            }

            tieTerm += ((double)count * count * count) - count;
            start = end;
        }

        return (sumOfXRanks, tieTerm > 0, tieTerm);
    }
}
