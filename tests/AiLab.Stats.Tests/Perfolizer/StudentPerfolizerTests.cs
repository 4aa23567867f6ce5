using AiLab.Stats.SignificanceTesting;

namespace AiLab.Stats.Tests.Perfolizer;

/// <summary>The one-sample t-test against Perfolizer's vectors (StudentTests.cs), p to 4 decimals as the source asserts.</summary>
public sealed class StudentPerfolizerTests
{
    public static TheoryData<string> Cases => PerfolizerVectors.Ids(PerfolizerVectors.Student);

    [Fact]
    public void Vectors_AllLoaded_FifteenCases() => Assert.Equal(15, PerfolizerVectors.Load(PerfolizerVectors.Student).Count);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_PerfolizerVector_MatchesPTo4Decimals(string id)
    {
        var c = PerfolizerVectors.Load(PerfolizerVectors.Student)[id];

        var result = StudentTTest.Run(c.X, c.Shift, c.Alternative);

        Assert.Equal(c.PValue, result.PValue, 4);
    }
}
