using System.Text.Json;
using AiLab.Stats.Paired;
using AiLab.Stats.SignificanceTesting;
using AiLab.Stats.Tests.Oracle;

namespace AiLab.Stats.Tests.Paired;

/// <summary>The paired t-test and the Wilcoxon signed-rank test against scipy's <c>ttest_rel</c> and
/// <c>wilcoxon</c> (Paired/paired_vectors.json, written by make_paired_vectors.py with a fixed seed).</summary>
public sealed class PairedTestsOracleTests
{
    private const double Relative = 1e-6;

    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Paired", "paired_vectors.json"))));

    public static TheoryData<int> Cases =>
        new(Enumerable.Range(0, Document.Value.RootElement.GetProperty("paired").GetArrayLength()));

    private static JsonElement Case(int index) => Document.Value.RootElement.GetProperty("paired")[index];

    [Theory]
    [MemberData(nameof(Cases))]
    public void PairedTTestRun_ScipyTtestRel_MatchesTo1e6Relative(int index)
    {
        var c = Case(index);

        var result = PairedTTest.Run(c.Numbers("x"), c.Numbers("y"), c.Number("confidence"));

        Tolerance.Close(c.Number("t"), result.T, Relative, 0, "t");
        Tolerance.Close(c.Number("p"), result.PValue, Relative, 0, "p");
        Tolerance.Close(c.Number("mean"), result.MeanDifference, Relative, 1e-12, "mean");
        Tolerance.Close(c.Number("low"), result.Low, Relative, 1e-9, "low");
        Tolerance.Close(c.Number("high"), result.High, Relative, 1e-9, "high");
        Assert.Equal(c.Numbers("x").Length - 1, result.DegreesOfFreedom);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WilcoxonRun_ScipyWilcoxonWithRsMethod_MatchesTo1e6Relative(int index)
    {
        var c = Case(index);

        var result = WilcoxonSignedRankTest.Run(c.Numbers("x"), c.Numbers("y"));

        Assert.Equal(c.GetProperty("exact").GetBoolean(), result.Exact);
        Tolerance.Close(c.Number("w"), result.Smaller, Relative, 0, "statistic");
        Tolerance.Close(c.Number("w_p"), result.PValue, Relative, 0, "p");
    }

    [Fact]
    public void WilcoxonRun_EveryDifferenceZero_GivesPOne()
    {
        var result = WilcoxonSignedRankTest.Run([1.0, 2, 3], [1.0, 2, 3]);

        Assert.Equal(1, result.PValue);
        Assert.Equal(0, result.Pairs);
    }

    [Fact]
    public void WilcoxonRun_EightPairsOneSign_GivesTheSmallestExactPValue()
    {
        var result = WilcoxonSignedRankTest.Run([1.0, 2, 3, 4, 5, 6, 7, 8], [2.0, 3.1, 4.3, 5.6, 7, 8.5, 10.1, 11.8],
            Alternative.TwoSided);

        Assert.Equal(WilcoxonSignedRankTest.SmallestExactPValue(8), result.PValue, 12);
    }

    [Fact]
    public void PairedTTestRun_UnequalLengths_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => PairedTTest.Run([1.0, 2, 3], [1.0, 2]));

        Assert.Contains("3 and 2", error.Message, StringComparison.Ordinal);
    }
}
