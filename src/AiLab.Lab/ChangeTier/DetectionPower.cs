using AiLab.Stats.Distributions;

namespace AiLab.Lab.ChangeTier;

/// <summary>How likely a test is to detect a regression it is exposed to, given its noise: the power of a two-sided
/// two-sample test on log TTFB at level α, by the normal approximation, Φ(δ / (σ √(2/n)) − z₁₋α/₂) (Cohen, Statistical
/// Power Analysis, 2nd ed., ch. 2). A noisy test catches less for the same capacity, so it is worth less.</summary>
public static class DetectionPower
{
    /// <summary>The regression size the change tier plans for: 5% of TTFB.</summary>
    public const double PlannedEffect = 0.05;

    /// <summary>The noise assumed for a test never measured: 5% between trials.</summary>
    public const double DefaultNoise = 0.05;

    /// <summary>The power for effect <paramref name="effect"/> (relative), noise <paramref name="noise"/> (sd of log
    /// values), <paramref name="trials"/> per variant, level <paramref name="alpha"/>.</summary>
    public static double Of(double effect, double noise, int trials, double alpha)
    {
        if (trials < 2 || noise <= 0) return 1;
        var standardError = noise * Math.Sqrt(2.0 / trials);
        return NormalDistribution.Cdf(Math.Log(1 + effect) / standardError - NormalDistribution.Quantile(1 - alpha / 2));
    }
}
