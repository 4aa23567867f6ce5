using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.BadInput;

/// <summary>Input the user can fix: exit 2, a message that says what is wrong and where, and no experiment stored.</summary>
public sealed class BadInputTests
{
    [Fact]
    public void Ab_MalformedConfig_ExitsTwoWithFileLineAndColumn()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("ailab.yaml", "workflows:\n  train:\n    run: python3 w.py\n     trials: 3\n  other:\n    run: x\n");

        var result = sandbox.Ailab("ab", "--a", "X=1", "--b", "X=2", "--workflow", "train").AssertExit(2);

        Assert.Contains($"{Path.Combine(sandbox.Work, "ailab.yaml")}:4:12: error: invalid YAML", result.Stderr, StringComparison.Ordinal);
        AssertNothingStored(sandbox, result);
    }

    [Fact]
    public void Ab_ConfigWithMisspelledKey_ExitsTwoPointingAtTheKeyWithASuggestion()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("ailab.yaml", "workflows:\n  train:\n    run: python3 w.py\n    timout: 5m\n");

        var result = sandbox.Ailab("ab", "--a", "X=1", "--b", "X=2", "--workflow", "train").AssertExit(2);

        Assert.Contains("ailab.yaml:4:5: error: unknown key 'timout'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean 'timeout'?", result.Stderr, StringComparison.Ordinal);
        AssertNothingStored(sandbox, result);
    }

    [Fact]
    public void Ab_UnknownWorkflow_ExitsTwoListingTheWorkflowsThereAre()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("ailab.yaml", "workflows:\n  train:\n    run: python3 w.py\n");

        var result = sandbox.Ailab("ab", "--a", "X=1", "--b", "X=2", "--workflow", "trian").AssertExit(2);

        Assert.Contains("no workflow named 'trian'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean 'train'?", result.Stderr, StringComparison.Ordinal);
        AssertNothingStored(sandbox, result);
    }

    [Fact]
    public void Ab_UnknownRevision_ExitsTwoNamingTheRevision()
    {
        using var sandbox = new Sandbox();
        var repo = new GitRepo(Path.Combine(sandbox.Root, "repo"));
        repo.Commit("only commit", new Dictionary<string, string> { ["work.py"] = Workloads.RepositoryWorkload(slow: false) });

        var result = sandbox.Ailab("ab", "--repo", repo.Path, "--a", "HEAD", "--b", "no-such-branch", "--run", $"{Workloads.Python} work.py").AssertExit(2);

        Assert.Contains("unknown revision 'no-such-branch'", result.Stderr, StringComparison.Ordinal);
        AssertNothingStored(sandbox, result);
    }

    [Fact]
    public void Ab_RunAndWorkflowTogether_ExitsTwo()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("ailab.yaml", "workflows:\n  train:\n    run: python3 w.py\n");

        var result = sandbox.Ailab("ab", "--a", "X=1", "--b", "X=2", "--workflow", "train", "--run", "true").AssertExit(2);

        Assert.Contains("either --run \"CMD\" or --workflow NAME, not both", result.Stderr, StringComparison.Ordinal);
        AssertNothingStored(sandbox, result);
    }

    [Theory]
    [InlineData("--timeout", "soon", "--timeout 'soon' is not a duration")]
    [InlineData("--timeout", "5", "--timeout '5' is not a duration")]
    [InlineData("--trials", "1", "--trials must be at least 2")]
    [InlineData("--warmup", "-1", "--warmup must be 0 or more")]
    [InlineData("--fail-on", "slower", "--fail-on 'slower' is not one of: regression, improvement, inconclusive, no_change")]
    public void Ab_BadOptionValue_ExitsTwoNamingTheOption(string option, string value, string message)
    {
        using var sandbox = new Sandbox();

        var result = sandbox.Ailab("ab", "--a", "X=1", "--b", "X=2", "--run", "true", option, value).AssertExit(2);

        Assert.Contains($"ailab: {message}", result.Stderr, StringComparison.Ordinal);
        AssertNothingStored(sandbox, result);
    }

    [Fact]
    public void Show_UnknownId_ExitsTwo()
    {
        using var sandbox = new Sandbox();

        var result = sandbox.Ailab("show", "ab-nope").AssertExit(2);

        Assert.Contains("no experiment 'ab-nope'", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Bad input is rejected before anything runs: stdout stays empty and no experiment is stored.</summary>
    private static void AssertNothingStored(Sandbox sandbox, CliResult result)
    {
        Assert.Equal("", result.Stdout);
        Assert.False(Directory.Exists(Path.Combine(sandbox.Home, "trials")), "a trial ran despite bad input");
        var list = sandbox.Ailab("list", "--json").AssertExit(0).Json();
        Assert.Empty(list.GetProperty("experiments").EnumerateArray());
    }
}
