using AiLab.Core.Experiments;
using AiLab.Stats.Distributions;
using AiLab.Stats.Sequential;

namespace AiLab.Lab.Experiments;

/// <summary>The default experiment's design: the default trial count is the first of <see cref="Looks"/> equally
/// spaced looks (n, 2n, 3n), each decided at the nominal level of a Lan–DeMets α-spending boundary (Pocock type, as
/// <c>ab --sequential</c>), so that stopping at the first decided look keeps the overall false-positive rate at α
/// (Lan &amp; DeMets, Biometrika 70 (1983) 659–663; Jennison &amp; Turnbull 2000, §7.2). Extending only when the
/// verdict is inconclusive is a stopping rule inside that design: the α boundaries do not depend on it.</summary>
public static class ExtensionDesign
{
    /// <summary>Looks of the default design: the cap is this many times the default trial count.</summary>
    public const int Looks = 3;

    /// <summary>The spending function. Pocock spends more α early than O'Brien–Fleming (0.0045 of 0.01 at the first
    /// of three looks against 0.00002), so the default trial count keeps most of a fixed test's power.</summary>
    public const SpendingFunction Spending = SpendingFunction.Pocock;

    /// <summary>The plan for a default experiment of <paramref name="firstLook"/> trials per variant at overall α
    /// <paramref name="alpha"/>.</summary>
    public static ExtensionPlan Plan(int firstLook, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstLook, 2);
        if (!(alpha > 0 && alpha < 0.5)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must lie in (0, 0.5)");
        var looks = Enumerable.Range(1, Looks).Select(k => k * firstLook).ToArray();
        var fractions = looks.Select(n => n / (double)looks[^1]).ToArray();
        var boundaries = GroupSequentialBoundaries.AlphaSpending(fractions, alpha, Spending);
        return new ExtensionPlan
        {
            Alpha = alpha,
            Looks = looks,
            NominalAlphas = boundaries.Select(c => 2 * NormalDistribution.Cdf(-c)).ToArray(),
            Spending = Spending,
        };
    }

    /// <summary>The look (0-based) whose trial count is <paramref name="trialsPerVariant"/>; -1 when none is.</summary>
    public static int LookOf(ExtensionPlan plan, int trialsPerVariant)
    {
        ArgumentNullException.ThrowIfNull(plan);
        for (var k = 0; k < plan.Looks.Count; k++)
            if (plan.Looks[k] == trialsPerVariant) return k;
        return -1;
    }
}
