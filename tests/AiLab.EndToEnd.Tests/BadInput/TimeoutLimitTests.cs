using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.BadInput;

/// <summary>Timeouts past 720h are refused with exit 2 before anything runs, on the command line exactly as in
/// <c>ailab.yaml</c>; they used to crash the executor (exit 1) and leave the experiment <c>running</c>.</summary>
public sealed class TimeoutLimitTests
{
    [Theory]
    [InlineData("1200h")]
    [InlineData("50000h")]
    public void Ab_TimeoutOptionOverTheMaximum_ExitsTwoBeforeRunning(string value)
    {
        using var sandbox = new Sandbox();

        var result = sandbox.Ailab("ab", "--a", "X=1", "--b", "X=2", "--run", "true", "--timeout", value).AssertExit(2);

        Assert.Contains($"ailab: --timeout '{value}': it is longer than the maximum trial timeout of 720h (30 days)",
            result.Stderr, StringComparison.Ordinal);
        AssertNothingRan(sandbox, result);
    }

    [Fact]
    public void Ab_YamlTimeoutOverTheMaximum_ExitsTwoWithFileAndLine()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("ailab.yaml", "workflows:\n  train:\n    run: 'true'\n    timeout: 1200h\n");

        var result = sandbox.Ailab("ab", "--a", "X=1", "--b", "X=2", "--workflow", "train").AssertExit(2);

        Assert.Contains("ailab.yaml:4:14", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("invalid duration '1200h' for 'timeout' in workflow 'train': it is longer than the maximum "
            + "trial timeout of 720h (30 days)", result.Stderr, StringComparison.Ordinal);
        AssertNothingRan(sandbox, result);
    }

    private static void AssertNothingRan(Sandbox sandbox, CliResult result)
    {
        Assert.Equal("", result.Stdout);
        Assert.DoesNotContain("Unhandled", result.Stderr, StringComparison.Ordinal);
        var list = sandbox.Ailab("list", "--json").AssertExit(0).Json();
        Assert.Empty(list.GetProperty("experiments").EnumerateArray());
    }
}
