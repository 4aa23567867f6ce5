using AiLab.Core.Workflows.Loading;

namespace AiLab.Core.Tests.Workflows;

public class SuggestionsTests
{
    [Theory]
    [InlineData("timeout", "timeout", 0)]
    [InlineData("tiemout", "timeout", 1)]
    [InlineData("timout", "timeout", 1)]
    [InlineData("run", "build", 4)]
    [InlineData("", "env", 3)]
    public void Distance_Pairs_CountsEditsWithSwapsAsOne(string a, string b, int expected) =>
        Assert.Equal(expected, Suggestions.Distance(a, b));

    [Theory]
    [InlineData("tiemout", "timeout")]
    [InlineData("Timeout", "timeout")]
    [InlineData("first-batch-pattern", "first_batch_pattern")]
    [InlineData("expect_phase", "expect_phases")]
    [InlineData("trails", "trials")]
    public void Closest_Typo_SuggestsKey(string typo, string expected) =>
        Assert.Equal(expected, Suggestions.Closest(typo, ["run", "build", "timeout", "first_batch_pattern", "expect_phases", "trials", "warmup"]));

    [Theory]
    [InlineData("command")]
    [InlineData("x")]
    [InlineData("pytorch")]
    public void Closest_UnrelatedWord_SuggestsNothing(string word) =>
        Assert.Null(Suggestions.Closest(word, ["run", "env", "none", "torch", "warmup"]));
}
