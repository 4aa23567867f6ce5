namespace AiLab.Testing;

/// <summary>Seeded synthetic measurements shaped like TTFB: a median times log-normal noise.</summary>
/// <remarks>The hand-built domain objects live in the other part of this class (Samples.cs).</remarks>
public static partial class Samples
{
    /// <summary><paramref name="n"/> values <c>median·exp(σ·Z)</c>, Z standard normal drawn from <paramref name="random"/>.</summary>
    public static double[] LogNormal(Random random, int n, double median, double sigma)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++) values[i] = median * Math.Exp(sigma * StandardNormal(random));
        return values;
    }

    /// <summary>A standard normal variate by the Box–Muller transform.</summary>
    public static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble(); // (0, 1], so the log is finite
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
