using AiLab.Stats.Distributions;

namespace AiLab.Stats.Calibration;

/// <summary>The Wilson score interval of a binomial proportion (E. B. Wilson, JASA 22 (1927) 209–212): how sure a
/// measured false-positive or detection rate is.</summary>
public static class WilsonInterval
{
    /// <summary>The interval for <paramref name="successes"/> out of <paramref name="trials"/> at <paramref name="confidence"/>.</summary>
    /// <exception cref="ArgumentException">trials &lt; 1, successes outside [0, trials], or confidence outside (0, 1).</exception>
    public static (double Low, double High) Compute(int successes, int trials, double confidence = 0.95)
    {
        if (trials < 1 || successes < 0 || successes > trials)
            throw new ArgumentException($"Need 0 <= successes <= trials and trials >= 1, got {successes}/{trials}.", nameof(successes));
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentException($"confidence must lie in (0, 1), got {confidence}.", nameof(confidence));
        var z = NormalDistribution.Quantile(1 - ((1 - confidence) / 2));
        var p = successes / (double)trials;
        var denominator = 1 + (z * z / trials);
        var center = (p + (z * z / (2 * trials))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / trials) + (z * z / (4.0 * trials * trials))) / denominator;
        return (Math.Max(0, center - half), Math.Min(1, center + half));
    }
}
