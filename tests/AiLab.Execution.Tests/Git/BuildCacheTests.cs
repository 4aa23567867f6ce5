using AiLab.Execution.Git;

namespace AiLab.Execution.Tests.Git;

public sealed class BuildCacheTests : IDisposable
{
    private static readonly Dictionary<string, string> NoEnv = [];

    private readonly TempGitRepo _git = new();
    private readonly BuildCache _cache;
    private readonly string _counter;

    public BuildCacheTests()
    {
        _cache = new BuildCache(_git.Outside("builds"));
        _counter = _git.Outside("builds-run.txt");
    }

    public void Dispose() => _git.Dispose();

    /// <summary>A build that records each run outside the work tree and leaves an artifact inside it.</summary>
    private string CountingBuild(string extra = "") => $"echo run >> '{_counter}' && cat a.txt > artifact.txt{extra}";

    private int Runs => File.Exists(_counter) ? File.ReadAllLines(_counter).Length : 0;

    [Fact]
    public void Prepare_Commit_ChecksOutThatCommitAndBuildsInIt()
    {
        var first = _git.Commit("first", ("a.txt", "one"));
        _git.Commit("second", ("a.txt", "two"));
        var repo = GitRepository.Open(_git.Path);

        var result = _cache.Prepare(repo, first, CountingBuild(), NoEnv, CancellationToken.None);

        Assert.True(result.Succeeded, result.Reason);
        Assert.False(result.Reused);
        Assert.Equal("one", File.ReadAllText(Path.Combine(result.Directory, "artifact.txt")));
        Assert.Equal(first, _git.Git("-C", result.Directory, "rev-parse", "HEAD"));
        Assert.StartsWith(_cache.Root, result.Directory, StringComparison.Ordinal);
        Assert.Contains("$ echo run", File.ReadAllText(result.BuildLogPath!), StringComparison.Ordinal);
        Assert.Equal(1, Runs);
    }

    [Fact]
    public void Prepare_TwoCommitsWithTheSameTree_BuildsOnce()
    {
        var first = _git.Commit("first", ("a.txt", "one"));
        var second = _git.Commit("touches nothing");
        var repo = GitRepository.Open(_git.Path);

        var built = _cache.Prepare(repo, first, CountingBuild(), NoEnv, CancellationToken.None);
        var reused = _cache.Prepare(repo, second, CountingBuild(), NoEnv, CancellationToken.None);

        Assert.True(reused.Succeeded, reused.Reason);
        Assert.True(reused.Reused);
        Assert.Equal(built.Directory, reused.Directory);
        Assert.Equal(built.Key, reused.Key);
        Assert.Equal(1, Runs);
    }

    [Fact]
    public void Prepare_DifferentBuildCommand_UsesAnotherEntry()
    {
        _git.Commit("first", ("a.txt", "one"));
        var repo = GitRepository.Open(_git.Path);

        var a = _cache.Prepare(repo, "HEAD", CountingBuild(), NoEnv, CancellationToken.None);
        var b = _cache.Prepare(repo, "HEAD", CountingBuild(" && true"), NoEnv, CancellationToken.None);
        var none = _cache.Prepare(repo, "HEAD", null, NoEnv, CancellationToken.None);

        Assert.NotEqual(a.Key, b.Key);
        Assert.NotEqual(a.Directory, b.Directory);
        Assert.NotEqual(a.Key, none.Key);
        Assert.False(b.Reused);
        Assert.Null(none.BuildLogPath);
        Assert.True(File.Exists(Path.Combine(none.Directory, "a.txt")));
        Assert.Equal(2, Runs);
    }

    [Fact]
    public void Prepare_EnvironmentReachesTheBuildAndIsPartOfTheKey()
    {
        _git.Commit("first", ("a.txt", "one"));
        var repo = GitRepository.Open(_git.Path);
        const string build = "printf '%s' \"$FLAVOR\" > flavor.txt";

        var cpu = _cache.Prepare(repo, "HEAD", build, new Dictionary<string, string> { ["FLAVOR"] = "cpu" }, CancellationToken.None);
        var gpu = _cache.Prepare(repo, "HEAD", build, new Dictionary<string, string> { ["FLAVOR"] = "gpu" }, CancellationToken.None);

        Assert.NotEqual(cpu.Key, gpu.Key);
        Assert.Equal("cpu", File.ReadAllText(Path.Combine(cpu.Directory, "flavor.txt")));
        Assert.Equal("gpu", File.ReadAllText(Path.Combine(gpu.Directory, "flavor.txt")));
    }

    [Fact]
    public void ComputeKey_Isolation_GivesAKeyOfItsOwn()
    {
        Assert.NotEqual(BuildCache.ComputeKey("t", "make", NoEnv), BuildCache.ComputeKey("t", "make", NoEnv, "ab-1"));
        Assert.NotEqual(BuildCache.ComputeKey("t", "make", NoEnv, "ab-1"), BuildCache.ComputeKey("t", "make", NoEnv, "ab-2"));
        Assert.Equal(BuildCache.ComputeKey("t", "make", NoEnv, "ab-1"), BuildCache.ComputeKey("t", "make", NoEnv, "ab-1"));
    }

    [Fact]
    public void ComputeKey_EnvironmentInAnyOrder_GivesTheSameKey()
    {
        var ab = new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" };
        var ba = new Dictionary<string, string> { ["B"] = "2", ["A"] = "1" };

        Assert.Equal(BuildCache.ComputeKey("t", "make", ab), BuildCache.ComputeKey("t", "make", ba));
        Assert.NotEqual(BuildCache.ComputeKey("t", "make", ab), BuildCache.ComputeKey("t", "make", NoEnv));
        Assert.NotEqual(BuildCache.ComputeKey("t", "", NoEnv), BuildCache.ComputeKey("t", null, NoEnv));
        Assert.NotEqual(
            BuildCache.ComputeKey("t", null, new Dictionary<string, string> { ["A"] = "1B2" }),
            BuildCache.ComputeKey("t", null, new Dictionary<string, string> { ["A1"] = "B2" }));
        Assert.Matches("^[0-9a-f]{64}$", BuildCache.ComputeKey("t", null, NoEnv));
    }

    [Fact]
    public void Prepare_FailingBuild_ReturnsReasonAndIsRedoneNextTime()
    {
        _git.Commit("first", ("a.txt", "one"));
        var repo = GitRepository.Open(_git.Path);
        var build = CountingBuild(" && echo 'compiling' && echo 'error: missing header' >&2 && exit 7");

        var failed = _cache.Prepare(repo, "HEAD", build, NoEnv, CancellationToken.None);
        var again = _cache.Prepare(repo, "HEAD", build, NoEnv, CancellationToken.None);

        Assert.False(failed.Succeeded);
        Assert.Contains("exited with code 7", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("compiling\nerror: missing header", failed.Reason, StringComparison.Ordinal);
        Assert.Contains(failed.BuildLogPath!, failed.Reason, StringComparison.Ordinal);
        Assert.False(again.Succeeded);
        Assert.False(again.Reused);
        Assert.Equal(2, Runs);
    }

    [Fact]
    public void Prepare_BuildPastItsTimeout_IsKilledAndFails()
    {
        _git.Commit("first", ("a.txt", "one"));
        var repo = GitRepository.Open(_git.Path);
        var cache = new BuildCache(_git.Outside("builds"), new BuildCacheOptions { BuildTimeout = TimeSpan.FromMilliseconds(300) });

        var result = cache.Prepare(repo, "HEAD", "echo started; sleep 30", NoEnv, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("timeout", result.Reason, StringComparison.Ordinal);
        Assert.Contains("started", result.Reason, StringComparison.Ordinal);
        Assert.True(result.Duration < TimeSpan.FromSeconds(20), $"took {result.Duration}");
    }

    [Fact]
    public async Task Prepare_ConcurrentCallsForTheSameKey_BuildOnce()
    {
        _git.Commit("first", ("a.txt", "one"));
        var repo = GitRepository.Open(_git.Path);
        var build = CountingBuild(" && sleep 0.5");
        using var start = new Barrier(4);

        var results = Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                return _cache.Prepare(repo, "HEAD", build, NoEnv, CancellationToken.None);
            }))
            .ToArray();
        var done = await Task.WhenAll(results);

        Assert.All(done, r => Assert.True(r.Succeeded, r.Reason));
        Assert.Single(done, r => !r.Reused);
        Assert.Single(done.Select(r => r.Directory).Distinct());
        Assert.Equal(1, Runs);
    }

    [Fact]
    public void Prepare_EntryDeletedByHand_PrunesAndRebuilds()
    {
        _git.Commit("first", ("a.txt", "one"));
        var repo = GitRepository.Open(_git.Path);
        var first = _cache.Prepare(repo, "HEAD", CountingBuild(), NoEnv, CancellationToken.None);
        Directory.Delete(first.Directory, recursive: true);

        var second = _cache.Prepare(repo, "HEAD", CountingBuild(), NoEnv, CancellationToken.None);

        Assert.True(second.Succeeded, second.Reason);
        Assert.False(second.Reused);
        Assert.Equal("one", File.ReadAllText(Path.Combine(second.Directory, "artifact.txt")));
        var worktrees = _git.Git("worktree", "list", "--porcelain").Split('\n');
        Assert.Single(worktrees, line => line == $"worktree {second.Directory}");
        Assert.Equal(2, Runs);
    }

    [Fact]
    public void Prepare_WithUncommittedChanges_LeavesWorkingTreeAndIndexUntouched()
    {
        var first = _git.Commit("first", ("a.txt", "one"), ("b.txt", "b"));
        _git.Commit("second", ("a.txt", "two"));
        File.WriteAllText(Path.Combine(_git.Path, "a.txt"), "edited, not staged");
        File.WriteAllText(Path.Combine(_git.Path, "b.txt"), "edited and staged");
        _git.Git("add", "b.txt");
        File.WriteAllText(Path.Combine(_git.Path, "new.txt"), "untracked");
        var indexPath = Path.Combine(_git.Path, ".git", "index");
        var statusBefore = _git.Git("--no-optional-locks", "status", "--porcelain");
        var indexBefore = File.ReadAllBytes(indexPath);
        var headBefore = _git.Git("rev-parse", "HEAD");
        var repo = GitRepository.Open(_git.Path);

        var old = _cache.Prepare(repo, first, CountingBuild(" && echo junk > a.txt"), NoEnv, CancellationToken.None);
        var current = _cache.Prepare(repo, "HEAD", CountingBuild(), NoEnv, CancellationToken.None);

        Assert.True(old.Succeeded && current.Succeeded, old.Reason ?? current.Reason);
        Assert.Equal(indexBefore, File.ReadAllBytes(indexPath));
        Assert.Equal(statusBefore, _git.Git("--no-optional-locks", "status", "--porcelain"));
        Assert.Equal(" M a.txt\nM  b.txt\n?? new.txt", statusBefore);
        Assert.Equal(headBefore, _git.Git("rev-parse", "HEAD"));
        Assert.Equal("edited, not staged", File.ReadAllText(Path.Combine(_git.Path, "a.txt")));
        // The entries hold the committed files, not the user's edits.
        Assert.Equal("one", File.ReadAllText(Path.Combine(old.Directory, "artifact.txt")));
        Assert.Equal("two", File.ReadAllText(Path.Combine(current.Directory, "a.txt")));
        Assert.Equal("b", File.ReadAllText(Path.Combine(current.Directory, "b.txt")));
        Assert.False(File.Exists(Path.Combine(current.Directory, "new.txt")));
    }

    [Fact]
    public void Prepare_UnknownRevision_Throws()
    {
        _git.Commit("first", ("a.txt", "one"));
        var repo = GitRepository.Open(_git.Path);

        Assert.Throws<UnknownRevisionException>(() => _cache.Prepare(repo, "nope", "true", NoEnv, CancellationToken.None));
    }
}
