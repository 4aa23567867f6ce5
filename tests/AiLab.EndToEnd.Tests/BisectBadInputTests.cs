using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests;

/// <summary>What <c>ailab bisect</c> and <c>ailab release</c> say and exit with when they cannot start, or when an end
/// of the range cannot run.</summary>
public sealed class BisectBadInputTests
{
    [Fact]
    public void Bisect_UnknownRevision_ExitsTwoNamingIt()
    {
        using var sandbox = new Sandbox();
        var history = BisectTestRepository.Create(Path.Combine(sandbox.Root, "repo"), commits: 12);

        var result = sandbox.Ailab("bisect", "--repo", history.Repo.Path, "--good", "no-such-tag", "--bad", "main", "--run", "true").AssertExit(2);

        Assert.Contains("unknown revision 'no-such-tag'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bisect_GoodNotAnAncestorOfBad_ExitsTwo()
    {
        using var sandbox = new Sandbox();
        var history = BisectTestRepository.Create(Path.Combine(sandbox.Root, "repo"), commits: 12);

        var result = sandbox.Ailab("bisect", "--repo", history.Repo.Path, "--good", "main", "--bad", "base", "--run", "true").AssertExit(2);

        Assert.Contains("is not an ancestor of", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Bisect_SameCommit_ExitsTwo()
    {
        using var sandbox = new Sandbox();
        var history = BisectTestRepository.Create(Path.Combine(sandbox.Root, "repo"), commits: 12);

        sandbox.Ailab("bisect", "--repo", history.Repo.Path, "--good", "main", "--bad", "main", "--run", "true").AssertExit(2);
    }

    [Fact]
    public void Bisect_BadCommitCannotBeBuilt_ExitsThreeWithTheReason()
    {
        using var sandbox = new Sandbox();
        var history = BisectTestRepository.Create(Path.Combine(sandbox.Root, "repo"), commits: 12);
        var brokenBad = history.Chain[history.Broken];

        var result = sandbox.Ailab("bisect", "--repo", history.Repo.Path, "--good", "base", "--bad", brokenBad, "--run", BisectTestRepository.Run,
            "--build", BisectTestRepository.Build, "--trials", "3", "--warmup", "0", "--json").AssertExit(3);

        var doc = result.Json();
        Assert.Equal("workload_failed", doc.Str("status"));
        Assert.Contains("the bad commit", doc.Str("status_reason"), StringComparison.Ordinal);
        Assert.Empty(doc.GetProperty("culprits").EnumerateArray());
    }

    [Fact]
    public void Release_NoConfig_ExitsTwoAskingForIt()
    {
        using var sandbox = new Sandbox();
        var history = BisectTestRepository.Create(Path.Combine(sandbox.Root, "repo"), commits: 12);

        var result = sandbox.Ailab("release", "--repo", history.Repo.Path, "--from", "base", "--to", "main").AssertExit(2);

        Assert.Contains("--config", result.Stderr, StringComparison.Ordinal);
    }
}
