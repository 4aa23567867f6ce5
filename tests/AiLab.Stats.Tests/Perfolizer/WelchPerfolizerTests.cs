using AiLab.Stats.SignificanceTesting;

namespace AiLab.Stats.Tests.Perfolizer;

/// <summary>Welch's t-test against Perfolizer's R-derived vectors (WelchTests.cs), at the source's 1e-5 tolerance.</summary>
public sealed class WelchPerfolizerTests
{
    public static TheoryData<string> Cases => PerfolizerVectors.Ids(PerfolizerVectors.Welch);

    [Fact]
    public void Vectors_AllLoaded_NineteenCases() => Assert.Equal(19, PerfolizerVectors.Load(PerfolizerVectors.Welch).Count);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_PerfolizerVector_MatchesRWithin1e5(string id)
    {
        var c = PerfolizerVectors.Load(PerfolizerVectors.Welch)[id];

        var result = WelchTTest.Run(c.X, c.Y, c.Shift, c.Alternative);

        Tolerance.Close(c.Statistic, result.T, 0, 1e-5, "t");
        Tolerance.Close(c.DegreesOfFreedom, result.DegreesOfFreedom, 0, 1e-5, "df");
        Tolerance.Close(c.PValue, result.PValue, 0, 1e-5, "p");
    }
}
