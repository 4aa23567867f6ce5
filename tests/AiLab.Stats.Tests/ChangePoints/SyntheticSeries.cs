namespace AiLab.Stats.Tests.ChangePoints;

/// <summary>Seeded synthetic histories: Gaussian noise around piecewise-constant levels.</summary>
internal static class SyntheticSeries
{
    /// <summary>Segments of the given lengths and levels, with N(0, σ²) noise from a seeded generator.</summary>
    public static double[] Steps(int seed, double sigma, params (int Length, double Level)[] segments)
    {
        var random = new Random(seed);
        var values = new List<double>();
        foreach (var (length, level) in segments)
        {
            for (var i = 0; i < length; i++)
            {
                values.Add(level + (sigma * Gaussian(random)));
            }
        }

        return values.ToArray();
    }

    // Box–Muller: System.Random has no normal draw.
    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
