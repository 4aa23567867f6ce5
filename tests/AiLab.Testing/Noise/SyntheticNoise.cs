using AiLab.Stats.Calibration;

namespace AiLab.Testing.Noise;

/// <summary>
/// A seeded generator of TTFB-like values for simulations when no real calibration pool is at hand: a lognormal body
/// (multiplicative noise) with a heavy right tail (a share of trials hit by an extra, exponentially distributed
/// slowdown: a page-cache miss, a neighbour's burst), optionally drifting in level over run order.
/// </summary>
/// <param name="Median">Median of the body, in the metric's unit.</param>
/// <param name="LogSd">Sd of the body's logs.</param>
/// <param name="TailShare">Share of trials slowed down.</param>
/// <param name="TailMean">Mean relative slowdown of those trials (0.15 = +15% on average).</param>
/// <param name="DriftPerTrial">Relative change of the level per trial (0 = none).</param>
public sealed record SyntheticNoise(double Median = 1250, double LogSd = 0.02, double TailShare = 0.03, double TailMean = 0.15, double DriftPerTrial = 0)
{
    /// <summary>Draws <paramref name="count"/> values in run order.</summary>
    public double[] Sample(int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var value = Median * Math.Exp((LogSd * Gaussian(random)) + (DriftPerTrial * i));
            if (random.NextDouble() < TailShare)
            {
                value *= 1 - (TailMean * Math.Log(1 - random.NextDouble()));
            }

            values[i] = value;
        }

        return values;
    }

    /// <summary>A standard normal draw (Box–Muller; Box &amp; Muller, Ann. Math. Statist. 29 (1958) 610–611).</summary>
    public static double Gaussian(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
