namespace AiLab.Stats.Distributions;

/// <summary>The standard normal distribution N(0, 1).</summary>
public static class NormalDistribution
{
    private const double LowTail = 0.02425;
    private const double HighTail = 1 - LowTail;
    private static readonly double Sqrt2 = Math.Sqrt(2);
    private static readonly double Sqrt2Pi = Math.Sqrt(2 * Math.PI);

    // P. J. Acklam, "An algorithm for computing the inverse normal cumulative distribution function" (2003),
    // rational approximations with relative error below 1.15e-9.
    private static readonly double[] A =
        [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];

    private static readonly double[] B =
        [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];

    private static readonly double[] C =
        [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];

    private static readonly double[] D =
        [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];

    /// <summary>
    /// Φ(x) = erfc(−x/√2)/2, with erfc from the incomplete gamma function Q(1/2, x²/2)
    /// (Abramowitz &amp; Stegun 26.2.29 and 6.5.17; Numerical Recipes 3rd ed. §6.2.2); the lower tail keeps its relative accuracy.
    /// </summary>
    public static double Cdf(double x)
    {
        if (double.IsNaN(x))
        {
            throw new ArgumentException("x is NaN.", nameof(x));
        }

        return 0.5 * SpecialFunctions.Erfc(-x / Sqrt2);
    }

    /// <summary>
    /// Φ⁻¹(p): Acklam's rational approximation (2003) polished by one Halley step against <see cref="Cdf"/>,
    /// as Acklam recommends, which brings it to full double precision.
    /// </summary>
    public static double Quantile(double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentException($"p must lie in [0, 1], got {p}.", nameof(p));
        }

        if (p == 0)
        {
            return double.NegativeInfinity;
        }

        if (p == 1)
        {
            return double.PositiveInfinity;
        }

        double x;
        double error; // Φ(x) − p, computed in the form that does not cancel in each region
        if (p < LowTail)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            x = TailApproximation(q);
            error = Cdf(x) - p;
        }
        else if (p > HighTail)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -TailApproximation(q);
            error = (1 - p) - Cdf(-x);
        }
        else
        {
            var q = p - 0.5;
            var r = q * q;
            x = q * Horner(A, r) / ((Horner(B, r) * r) + 1);
            error = (0.5 * SpecialFunctions.Erf(x / Sqrt2)) - q;
        }

        var u = error * Sqrt2Pi * Math.Exp(x * x / 2);
        return x - (u / (1 + (x * u / 2)));
    }

    private static double TailApproximation(double q) => Horner(C, q) / ((Horner(D, q) * q) + 1);

    // Coefficients from the highest power down.
    private static double Horner(double[] coefficients, double x)
    {
        var sum = 0.0;
        foreach (var c in coefficients)
        {
            sum = (sum * x) + c;
        }

        return sum;
    }
}
