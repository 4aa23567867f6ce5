namespace AiLab.Stats.ChangePoints;

/// <summary>
/// −2 log-likelihood of a Gaussian segment with its own mean and variance, up to a constant: n·ln σ̂², σ̂² the ML
/// variance (Killick, Fearnhead &amp; Eckley, JASA 2012; R changepoint <c>cpt.meanvar</c>, test statistic "Normal").
/// </summary>
internal sealed class NormalMeanVarianceCost : ISegmentCost
{
    private readonly double[] sums;
    private readonly double[] squares;
    private readonly double varianceFloor;

    public NormalMeanVarianceCost(double[] series)
    {
        // Centred first, so that the running sums of squares do not cancel for series far from zero (TTFB in ns).
        var centre = series.Length == 0 ? 0 : series.Average();
        sums = new double[series.Length + 1];
        squares = new double[series.Length + 1];
        for (var i = 0; i < series.Length; i++)
        {
            var v = series[i] - centre;
            sums[i + 1] = sums[i] + v;
            squares[i + 1] = squares[i] + (v * v);
        }

        // A segment of identical values has σ̂² = 0 and an infinitely good fit; the floor (a millionth of the whole
        // series' variance) keeps such runs from being cut out for free.
        var n = Math.Max(series.Length, 1);
        var total = (squares[^1] / n) - ((sums[^1] / n) * (sums[^1] / n));
        varianceFloor = total > 0 ? total * 1e-6 : 1e-300;
        DefaultPenalty = 3 * Math.Log(Math.Max(series.Length, 2));
    }

    /// <summary>3 ln n: the BIC price of a change point that moves both the mean and the variance (two parameters plus its location).</summary>
    public double DefaultPenalty { get; }

    public double Cost(int start, int stop)
    {
        var n = stop - start;
        var mean = (sums[stop] - sums[start]) / n;
        var variance = ((squares[stop] - squares[start]) / n) - (mean * mean);
        return n * Math.Log(Math.Max(variance, varianceFloor));
    }
}
