using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Core.Verdicts;
using AiLab.Core.Wire;

namespace AiLab.Core.Tests.Wire;

public sealed class WireNamesTests
{
    [Theory]
    [InlineData(Verdict.NoChange, "no_change")]
    [InlineData(Verdict.Regression, "regression")]
    public void Of_Verdict_IsSnakeCase(Verdict verdict, string expected) =>
        Assert.Equal(expected, WireNames.Of(verdict));

    [Fact]
    public void Of_AcronymAndMultiWordMembers_AreSnakeCase()
    {
        Assert.Equal("ab", WireNames.Of(ExperimentKind.AB));
        Assert.Equal("no_first_batch", WireNames.Of(FailureKind.NoFirstBatch));
        Assert.Equal("completed", WireNames.Of(ExperimentStatus.Completed));
    }

    [Fact]
    public void Parse_EveryMembersWireName_RoundTrips()
    {
        foreach (var kind in Enum.GetValues<FailureKind>())
            Assert.Equal(kind, WireNames.Parse<FailureKind>(WireNames.Of(kind)));
        foreach (var verdict in Enum.GetValues<Verdict>())
            Assert.Equal(verdict, VerdictNames.FromWire(verdict.ToWire()));
    }

    [Fact]
    public void Parse_OtherSpelling_IsNotAWireName() => Assert.Null(WireNames.Parse<Verdict>("NoChange"));

    [Theory]
    [InlineData("noChange")]
    [InlineData("NoChange")]
    [InlineData("nochange")]
    [InlineData("no_change")]
    public void ParseTolerant_OlderSpellings_ReadBack(string stored) =>
        Assert.Equal(Verdict.NoChange, WireNames.ParseTolerant<Verdict>(stored));
}
