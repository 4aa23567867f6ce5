using AiLab.Stats.Distributions;

namespace AiLab.Stats.Sequential;

/// <summary>The cumulative error a <see cref="SpendingFunction"/> allows by information fraction t.</summary>
/// <remarks>Each function spends one side's error, as gsDesign, ldbounds and EAST apply them: a two-sided test of
/// level α spends ε(α/2, t) on each side (so its first O'Brien–Fleming-type boundary at t = 0.2 is 4.877, not 4.383).</remarks>
internal static class Spending
{
    /// <summary>The two-sided cumulative α by fraction t: each side spends ε(α/2, t).</summary>
    public static double TwoSided(SpendingFunction function, double alpha, double t) => 2 * Cumulative(function, alpha / 2, t);

    /// <summary>ε(t) for one side's total error <paramref name="total"/>; ε(0) = 0 and ε(1) = total.</summary>
    public static double Cumulative(SpendingFunction function, double total, double t)
    {
        if (t <= 0)
        {
            return 0;
        }

        if (t >= 1)
        {
            return total;
        }

        return function switch
        {
            SpendingFunction.OBrienFleming => 2 * NormalDistribution.Cdf(-NormalDistribution.Quantile(1 - (total / 2)) / Math.Sqrt(t)),
            SpendingFunction.Pocock => total * Math.Log(1 + ((Math.E - 1) * t)),
            _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown spending function."),
        };
    }
}
