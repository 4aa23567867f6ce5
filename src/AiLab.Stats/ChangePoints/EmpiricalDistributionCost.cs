namespace AiLab.Stats.ChangePoints;

/// <summary>
/// The ED-PELT segment cost of Haynes, Fearnhead &amp; Eckley, "A computationally efficient nonparametric approach
/// for changepoint detection" (Statistics and Computing 27, 2017): the empirical CDF's log-likelihood at K = ⌈4 ln n⌉
/// quantiles spaced as in their §3.1, with penalty 3 ln n. Arithmetic as Perfolizer's <c>EdPeltChangePointDetector</c>
/// (counts doubled into integers, the same quantile choice and summation order), so that the two agree exactly.
/// </summary>
internal sealed class EmpiricalDistributionCost : ISegmentCost
{
    private readonly int n;
    private readonly int k;

    // counts[q][τ] = Σ_{j<τ} (2·[x_j < t_q] + [x_j = t_q]): twice the empirical CDF mass below quantile t_q.
    private readonly int[][] counts;

    public EmpiricalDistributionCost(double[] series)
    {
        n = series.Length;
        k = Math.Min(n, (int)Math.Ceiling(4 * Math.Log(n)));
        DefaultPenalty = 3 * Math.Log(n);

        var sorted = (double[])series.Clone();
        Array.Sort(sorted);
        counts = new int[k][];
        for (var q = 0; q < k; q++)
        {
            // Quantile levels crowd into the tails (Haynes et al. 2017, eq. 2.1).
            var z = -1 + ((2 * q) + 1.0) / k;
            var p = 1.0 / (1 + Math.Pow((2 * n) - 1, -z));
            var t = sorted[(int)Math.Truncate((n - 1) * p)];
            var row = new int[n + 1];
            for (var j = 0; j < n; j++)
            {
                row[j + 1] = row[j] + (series[j] < t ? 2 : series[j] == t ? 1 : 0);
            }

            counts[q] = row;
        }
    }

    /// <summary>3 ln n, the penalty Haynes et al. and Perfolizer use.</summary>
    public double DefaultPenalty { get; }

    public double Cost(int start, int stop)
    {
        var length = stop - start;
        var sum = 0.0;
        for (var q = 0; q < k; q++)
        {
            var doubled = counts[q][stop] - counts[q][start];

            // An empirical CDF of exactly 0 or 1 contributes 0 (its x·ln x limit).
            if (doubled != 0 && doubled != length * 2)
            {
                var fit = doubled * 0.5 / length;
                sum += length * ((fit * Math.Log(fit)) + ((1 - fit) * Math.Log(1 - fit)));
            }
        }

        var c = -Math.Log((2 * n) - 1);
        return 2.0 * c / k * sum;
    }
}
