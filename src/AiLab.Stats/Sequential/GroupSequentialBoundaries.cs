namespace AiLab.Stats.Sequential;

/// <summary>Two-sided group-sequential boundaries on the z scale, computed by numerical integration.</summary>
public static class GroupSequentialBoundaries
{
    /// <summary>Error-spending boundaries c_k at information fractions <paramref name="fractions"/> (increasing, the last
    /// one 1) spending a two-sided <paramref name="alpha"/>, α/2 per side (Lan &amp; DeMets, Biometrika 70 (1983) 659–663).
    /// Stop when |Z_k| ≥ c_k.</summary>
    public static double[] AlphaSpending(IReadOnlyList<double> fractions, double alpha, SpendingFunction spending = SpendingFunction.OBrienFleming)
    {
        Validate(fractions, alpha);
        return GroupSequentialIntegrator.EfficacyBoundaries(fractions, k => Spending.TwoSided(spending, alpha, fractions[k]));
    }

    /// <summary>Pocock's constant C_P(K, α): c_k = C_P at K equally spaced looks (Pocock, Biometrika 64 (1977) 191–199;
    /// Jennison &amp; Turnbull 2000, Table 2.1, e.g. C_P(5, 0.05) = 2.413).</summary>
    public static double PocockConstant(int looks, double alpha) => Constant(looks, alpha, k => 1);

    /// <summary>O'Brien and Fleming's constant C_B(K, α): c_k = C_B·√(K/k) at K equally spaced looks (O'Brien &amp; Fleming,
    /// Biometrics 35 (1979) 549–556; Jennison &amp; Turnbull 2000, Table 2.3, e.g. C_B(5, 0.05) = 2.040).</summary>
    public static double OBrienFlemingConstant(int looks, double alpha) => Constant(looks, alpha, k => Math.Sqrt(looks / (double)k));

    /// <summary>P(|Z_k| ≥ c_k at some look) when the drift is <paramref name="drift"/> (η = θ√I_max; 0 under no change).</summary>
    public static double CrossingProbability(IReadOnlyList<double> fractions, IReadOnlyList<double> boundaries, double drift = 0)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        Validate(fractions, 0.5);
        if (boundaries.Count != fractions.Count) throw new ArgumentException("One boundary per look is needed.", nameof(boundaries));
        var (upper, lower, _) = GroupSequentialIntegrator.Exits(fractions, boundaries, new double[fractions.Count], drift);
        return upper.Sum() + lower.Sum();
    }

    private static double Constant(int looks, double alpha, Func<int, double> shape)
    {
        if (looks < 1) throw new ArgumentException($"At least one look is needed, got {looks}.", nameof(looks));
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentException($"alpha must lie in (0, 1), got {alpha}.", nameof(alpha));
        var fractions = Enumerable.Range(1, looks).Select(k => k / (double)looks).ToArray();
        double low = 0, high = 20;
        for (var i = 0; i < 80; i++)
        {
            var middle = (low + high) / 2;
            var boundaries = Enumerable.Range(1, looks).Select(k => middle * shape(k)).ToArray();
            if (CrossingProbability(fractions, boundaries) > alpha)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }

    private static void Validate(IReadOnlyList<double> fractions, double alpha)
    {
        ArgumentNullException.ThrowIfNull(fractions);
        if (fractions.Count == 0) throw new ArgumentException("At least one look is needed.", nameof(fractions));
        for (var k = 0; k < fractions.Count; k++)
        {
            if (!(fractions[k] > (k == 0 ? 0 : fractions[k - 1]) && fractions[k] <= 1))
                throw new ArgumentException($"Information fractions must increase within (0, 1]; look {k + 1} has {fractions[k]}.", nameof(fractions));
        }

        if (!(alpha > 0 && alpha < 1)) throw new ArgumentException($"alpha must lie in (0, 1), got {alpha}.", nameof(alpha));
    }
}
