using AiLab.Stats.Distributions;

namespace AiLab.Stats.Tests.Oracle;

/// <summary>The distributions and special functions against scipy.special, to 1e-9 relative.</summary>
public sealed class DistributionOracleTests
{
    private const double Relative = 1e-9;

    public static TheoryData<int> TCdfCases => ScipyVectors.Indexes("student_t_cdf");

    public static TheoryData<int> NormalCdfCases => ScipyVectors.Indexes("normal_cdf");

    public static TheoryData<int> NormalQuantileCases => ScipyVectors.Indexes("normal_quantile");

    public static TheoryData<int> LogGammaCases => ScipyVectors.Indexes("log_gamma");

    public static TheoryData<int> IncompleteBetaCases => ScipyVectors.Indexes("incomplete_beta");

    [Theory]
    [MemberData(nameof(TCdfCases))]
    public void StudentTCdf_ScipyStdtr_MatchesTo1e9Relative(int index)
    {
        var c = ScipyVectors.Case("student_t_cdf", index);

        var p = StudentTDistribution.Cdf(c.Number("t"), c.Number("df"));

        Tolerance.Close(c.Number("p"), p, Relative, 0, $"P(T <= {c.Number("t")}; df = {c.Number("df")})");
    }

    [Theory]
    [MemberData(nameof(NormalCdfCases))]
    public void NormalCdf_ScipyNdtr_MatchesTo1e9Relative(int index)
    {
        var c = ScipyVectors.Case("normal_cdf", index);

        Tolerance.Close(c.Number("p"), NormalDistribution.Cdf(c.Number("x")), Relative, 0, $"Φ({c.Number("x")})");
    }

    [Theory]
    [MemberData(nameof(NormalQuantileCases))]
    public void NormalQuantile_ScipyNdtri_MatchesTo1e9Relative(int index)
    {
        var c = ScipyVectors.Case("normal_quantile", index);

        Tolerance.Close(c.Number("x"), NormalDistribution.Quantile(c.Number("p")), Relative, 0, $"Φ⁻¹({c.Number("p")})");
    }

    [Theory]
    [MemberData(nameof(LogGammaCases))]
    public void LogGamma_ScipyGammaln_MatchesTo1e9Relative(int index)
    {
        var c = ScipyVectors.Case("log_gamma", index);

        Tolerance.Close(c.Number("value"), SpecialFunctions.LogGamma(c.Number("x")), Relative, 0, $"lnΓ({c.Number("x")})");
    }

    [Theory]
    [MemberData(nameof(IncompleteBetaCases))]
    public void RegularizedIncompleteBeta_ScipyBetainc_MatchesTo1e9Relative(int index)
    {
        var c = ScipyVectors.Case("incomplete_beta", index);
        double a = c.Number("a"), b = c.Number("b"), x = c.Number("x");

        Tolerance.Close(c.Number("value"), SpecialFunctions.RegularizedIncompleteBeta(a, b, x), Relative, 0, $"I_{x}({a}, {b})");
    }
}
