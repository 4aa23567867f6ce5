namespace AiLab.Stats.Calibration;

/// <summary>Draws two disjoint random samples of n values each from a pool (a random A/A split), seeded.</summary>
internal sealed class PseudoExperimentSampler
{
    private readonly double[] _pool;
    private readonly int[] _order;
    private readonly int _perSide;
    private readonly Random _random;

    public PseudoExperimentSampler(double[] pool, int perSide, int seed)
    {
        _pool = pool;
        _perSide = perSide;
        _order = Enumerable.Range(0, pool.Length).ToArray();
        _random = new Random(seed);
    }

    /// <summary>Fills a and b with a fresh split: a partial Fisher–Yates shuffle picks 2n distinct values uniformly,
    /// whatever order the previous draw left behind (Knuth, TAOCP vol. 2, Algorithm 3.4.2P).</summary>
    public void Next(Span<double> a, Span<double> b)
    {
        var picks = 2 * _perSide;
        for (var i = 0; i < picks; i++)
        {
            var j = i + _random.Next(_order.Length - i);
            (_order[i], _order[j]) = (_order[j], _order[i]);
        }

        for (var i = 0; i < _perSide; i++)
        {
            a[i] = _pool[_order[i]];
            b[i] = _pool[_order[_perSide + i]];
        }
    }
}
