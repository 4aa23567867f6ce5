namespace AiLab.Stats.Distributions;

/// <summary>Student's t distribution with real (not necessarily integer) degrees of freedom.</summary>
public static class StudentTDistribution
{
    /// <summary>
    /// P(T ≤ t) for ν = <paramref name="df"/> degrees of freedom, via I_{ν/(ν+t²)}(ν/2, 1/2)
    /// (Abramowitz &amp; Stegun 26.5.27 and 26.7.1; Numerical Recipes 3rd ed. §6.14); ν = ∞ gives the normal CDF.
    /// </summary>
    public static double Cdf(double t, double df)
    {
        if (double.IsNaN(t))
        {
            throw new ArgumentException("t is NaN.", nameof(t));
        }

        if (!(df > 0))
        {
            throw new ArgumentException($"The degrees of freedom must be > 0, got {df}.", nameof(df));
        }

        if (double.IsPositiveInfinity(df))
        {
            return NormalDistribution.Cdf(t);
        }

        if (double.IsInfinity(t))
        {
            return t > 0 ? 1 : 0;
        }

        var t2 = t * t;
        double x, y;
        if (double.IsPositiveInfinity(t2))
        {
            (x, y) = (0, 1);
        }
        else
        {
            // y = 1 − x computed directly: near t = 0 the subtraction would lose digits.
            x = df / (df + t2);
            y = t2 / (df + t2);
        }

        var tail = 0.5 * SpecialFunctions.RegularizedIncompleteBeta(df / 2, 0.5, x, y);
        return t < 0 ? tail : 1 - tail;
    }

    /// <summary>The quantile: t with P(T ≤ t) = <paramref name="p"/> for ν = <paramref name="df"/>, by bisection on
    /// <see cref="Cdf"/> (the same search the paired t-test's interval uses; checked against scipy's
    /// <c>stats.t.ppf</c>).</summary>
    public static double Quantile(double p, double df)
    {
        if (!(p > 0 && p < 1))
            throw new ArgumentException($"The probability must be in (0, 1), got {p}.", nameof(p));
        if (!(df > 0))
            throw new ArgumentException($"The degrees of freedom must be > 0, got {df}.", nameof(df));
        return Calibration.ReferenceQuantiles.StudentT(p, df);
    }
}
