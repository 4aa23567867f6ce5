using AiLab.Stats.SignificanceTesting;

namespace AiLab.Stats.Tests.Oracle;

/// <summary>The significance tests against scipy.stats on seeded lognormal samples, to 1e-6 relative.</summary>
public sealed class SignificanceOracleTests
{
    private const double Relative = 1e-6;

    public static TheoryData<int> WelchCases => ScipyVectors.Indexes("welch");

    public static TheoryData<int> StudentCases => ScipyVectors.Indexes("student");

    public static TheoryData<int> MannWhitneyCases => ScipyVectors.Indexes("mann_whitney");

    [Theory]
    [MemberData(nameof(WelchCases))]
    public void WelchRun_ScipyTtestInd_MatchesTo1e6Relative(int index)
    {
        var c = ScipyVectors.Case("welch", index);

        var result = WelchTTest.Run(c.Numbers("x"), c.Numbers("y"), c.Number("mu"), c.AlternativeHypothesis());

        Tolerance.Close(c.Number("t"), result.T, Relative, 0, "t");
        Tolerance.Close(c.Number("df"), result.DegreesOfFreedom, Relative, 0, "df");
        Tolerance.Close(c.Number("p"), result.PValue, Relative, 0, "p");
    }

    [Theory]
    [MemberData(nameof(StudentCases))]
    public void StudentRun_ScipyTtest1samp_MatchesTo1e6Relative(int index)
    {
        var c = ScipyVectors.Case("student", index);
        var x = c.Numbers("x");

        var result = StudentTTest.Run(x, c.Number("mu"), c.AlternativeHypothesis());

        Tolerance.Close(c.Number("t"), result.T, Relative, 0, "t");
        Assert.Equal(x.Length - 1, result.DegreesOfFreedom);
        Tolerance.Close(c.Number("p"), result.PValue, Relative, 0, "p");
    }

    [Theory]
    [MemberData(nameof(MannWhitneyCases))]
    public void MannWhitneyRun_ScipyMannwhitneyuWithRsMethod_MatchesTo1e6Relative(int index)
    {
        var c = ScipyVectors.Case("mann_whitney", index);

        var result = MannWhitneyUTest.Run(c.Numbers("x"), c.Numbers("y"), c.Number("shift"), c.AlternativeHypothesis());

        Assert.Equal(c.GetProperty("method").GetString() == "exact", result.Exact);
        Assert.Equal(c.Number("u"), result.U);
        Tolerance.Close(c.Number("p"), result.PValue, Relative, 0, $"p ({c.GetProperty("method").GetString()})");
    }
}
