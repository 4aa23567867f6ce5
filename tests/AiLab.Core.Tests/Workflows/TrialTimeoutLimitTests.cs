using AiLab.Core.Trials;
using AiLab.Core.Workflows;
using static AiLab.Core.Tests.Workflows.ConfigAssert;

namespace AiLab.Core.Tests.Workflows;

/// <summary>A trial timeout over the 720h ceiling is rejected where it is written, not crashed on later.</summary>
public sealed class TrialTimeoutLimitTests
{
    [Theory]
    [InlineData("1200h", "1200h")]
    [InlineData("720h1s", "720h1s")]
    public void Parse_WorkflowTimeoutOverTheMaximum_ReportsItAtTheValue(string value, string shown)
    {
        var error = Fails($"workflows:\n  train:\n    run: x\n    timeout: {value}\n");

        var diagnostic = HasError(error, 4, 14, $"invalid duration '{shown}' for 'timeout' in workflow 'train'",
            "longer than the maximum trial timeout of 720h (30 days)");
        Assert.Contains("at most 720h", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DefaultsTimeoutOverTheMaximum_ReportsItAtTheValue()
    {
        var error = Fails("defaults:\n  timeout: 50000h\nworkflows:\n  train: {run: x}\n");

        HasError(error, 2, 12, "invalid duration '50000h' for 'timeout' in 'defaults'", "maximum trial timeout of 720h");
    }

    [Fact]
    public void Parse_TimeoutOfExactlyTheMaximum_IsAccepted()
    {
        var suite = WorkflowConfig.Parse("workflows:\n  train: {run: x, timeout: 720h}\n", "ailab.yaml");

        Assert.Equal(TrialTimeout.Maximum, suite.Workflows.Single().Timeout);
    }

    [Theory]
    [InlineData(0, "greater than zero")]
    [InlineData(-1, "greater than zero")]
    [InlineData(50 * 24 * 3600, "longer than the maximum trial timeout of 720h (30 days), found 50 days")]
    public void Problem_OutOfRange_SaysWhy(int seconds, string problem)
    {
        Assert.Contains(problem, TrialTimeout.Problem(TimeSpan.FromSeconds(seconds)), StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_WithinRange_IsNull()
    {
        Assert.Null(TrialTimeout.Problem(TimeSpan.FromMinutes(10)));
    }
}
