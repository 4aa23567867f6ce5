namespace AiLab.Stats.ChangePoints;

/// <summary>
/// The E-Divisive candidate search of Matteson &amp; James, "A Nonparametric Approach for Multiple Change Point
/// Analysis of Multivariate Data" (JASA 109, 2014), with α = 1, laid out as Otava's <c>PairDistanceCalculator</c>:
/// for every split τ and end κ of an interval, Q̂(τ, κ) = 2/(m+n)·Σ|Xᵢ−Yⱼ| − 2m/((m+n)(n−1))·Σ|Xᵢ−Xₖ|
/// − 2n/((m+n)(m−1))·Σ|Yⱼ−Yₖ| with X = z[start..τ), Y = z[τ..κ), n = |X|, m = |Y|.
/// </summary>
/// <remarks>
/// The three terms are formed from the same partial sums and coefficients, and the maximum is taken in the same
/// order (row-major over τ then κ, first maximum wins), as Otava does, so that integer-valued series pick the very
/// same candidate even where two splits tie.
/// </remarks>
internal sealed class QHatCalculator(double[] series)
{
    /// <summary>The best split over all intervals of length ≥ 2 (the first on a tie), or null when there is none.</summary>
    public Candidate? NextCandidate(IReadOnlyList<Interval> intervals)
    {
        Candidate? best = null;
        foreach (var interval in intervals)
        {
            if (interval.Length < 2)
            {
                continue;
            }

            var candidate = BestSplit(interval.Start, interval.Stop);
            if (best is null || candidate.QHat > best.Value.QHat)
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>The τ in (start, stop) whose Q̂(τ, κ) is largest over every κ in (τ, stop].</summary>
    public Candidate BestSplit(int start, int stop)
    {
        var length = stop - start;

        // withinX[n]: Σ|Xᵢ − Xₖ| over the first n elements of the interval.
        var withinX = new double[length + 1];
        for (var n = 2; n <= length; n++)
        {
            var added = 0.0;
            var last = series[start + n - 1];
            for (var i = start; i < start + n - 1; i++)
            {
                added += Math.Abs(series[i] - last);
            }

            withinX[n] = withinX[n - 1] + added;
        }

        // rowSums[a] = Σ_{t+1 ≤ c < κ} |z[t] − z[c]| for t = start + a, updated as κ grows.
        var rowSums = new double[length];
        var suffix = new double[length + 1];
        var bestQ = double.NegativeInfinity;
        int bestRow = 0, bestColumn = 0;
        for (var kappa = start + 2; kappa <= stop; kappa++)
        {
            var column = kappa - start - 2;
            var newest = series[kappa - 1];
            for (var a = 0; a < kappa - start - 2; a++)
            {
                rowSums[a] += Math.Abs(series[start + a] - newest);
            }

            rowSums[kappa - start - 2] = Math.Abs(series[kappa - 2] - newest);

            // suffix[a] = Σ rowSums[a..κ−start−2], summed from the far end as Otava's flipped cumulative sum does.
            suffix[kappa - start - 1] = 0;
            for (var a = kappa - start - 2; a >= 0; a--)
            {
                suffix[a] = suffix[a + 1] + rowSums[a];
            }

            var prefix = 0.0;
            for (var tau = start + 1; tau < kappa; tau++)
            {
                var row = tau - start - 1;
                prefix += rowSums[row];
                var n = tau - start;
                var m = kappa - tau;
                var span = kappa - start;
                var cross = 2.0 / span * (prefix - withinX[n]);
                var insideX = n > 1 ? (double)(2 * m) / ((double)span * (n - 1)) * withinX[n] : 0.0;
                var insideY = m > 1 ? (double)(2 * n) / ((double)span * (m - 1)) * suffix[row + 1] : 0.0;
                var q = cross - insideX - insideY;
                if (q > bestQ || (q == bestQ && (row < bestRow || (row == bestRow && column < bestColumn))))
                {
                    (bestQ, bestRow, bestColumn) = (q, row, column);
                }
            }
        }

        return new Candidate(start + bestRow + 1, bestQ);
    }
}
