using AiLab.Execution.Git;

namespace AiLab.Execution.Tests.Git;

public sealed class GitRepositoryTests : IDisposable
{
    private readonly TempGitRepo _git = new();

    public void Dispose() => _git.Dispose();

    [Fact]
    public void ResolveCommit_RelativeRevision_ReturnsThatCommitsSha()
    {
        var first = _git.Commit("first", ("a.txt", "1"));
        var second = _git.Commit("second", ("a.txt", "2"));
        _git.Git("tag", "v1", first);
        var repo = GitRepository.Open(_git.Path);

        Assert.Equal(first, repo.ResolveCommit("HEAD~1"));
        Assert.Equal(second, repo.ResolveCommit("HEAD"));
        Assert.Equal(first, repo.ResolveCommit("v1"));
        Assert.Equal(second, repo.ResolveCommit(second[..8]));
    }

    [Fact]
    public void ResolveCommit_UnknownRevision_ThrowsWithRepositoryAndHint()
    {
        _git.Commit("first", ("a.txt", "1"));
        var repo = GitRepository.Open(_git.Path);

        var ex = Assert.Throws<UnknownRevisionException>(() => repo.ResolveCommit("no-such-branch"));

        Assert.StartsWith($"unknown revision 'no-such-branch' in {repo.Root}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Needed a single revision", ex.Message, StringComparison.Ordinal);
        Assert.Contains("git log --oneline", ex.Message, StringComparison.Ordinal);
        Assert.Equal("no-such-branch", ex.Revision);
    }

    [Fact]
    public void ResolveCommit_RevisionLookingLikeAnOption_IsNotTakenAsOne()
    {
        _git.Commit("first", ("a.txt", "1"));
        var repo = GitRepository.Open(_git.Path);

        Assert.Throws<UnknownRevisionException>(() => repo.ResolveCommit("--all"));
    }

    [Fact]
    public void ResolveCommit_TreeSha_IsNotACommit()
    {
        var commit = _git.Commit("first", ("a.txt", "1"));
        var repo = GitRepository.Open(_git.Path);

        Assert.Throws<UnknownRevisionException>(() => repo.ResolveCommit(repo.TreeOf(commit)));
    }

    [Fact]
    public void TreeOf_CommitsWithSameFiles_ReturnSameTree()
    {
        var first = _git.Commit("first", ("a.txt", "1"));
        var empty = _git.Commit("no file changes");
        var changed = _git.Commit("change", ("a.txt", "2"));
        var repo = GitRepository.Open(_git.Path);

        Assert.Equal(repo.TreeOf(first), repo.TreeOf(empty));
        Assert.NotEqual(repo.TreeOf(first), repo.TreeOf(changed));
        Assert.Equal(_git.Git("rev-parse", "HEAD^{tree}"), repo.TreeOf("HEAD"));
    }

    [Fact]
    public void GetCommit_Commit_ReturnsAuthorDateAndSubject()
    {
        var sha = _git.Commit("Make config validation lazy\n\nBody text.", ("a.txt", "1"));
        var repo = GitRepository.Open(_git.Path);

        var info = repo.GetCommit("HEAD");

        Assert.Equal(new CommitInfo(sha, "Ada Lovelace", "ada@example.org",
            new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(1)), "Make config validation lazy"), info);
        Assert.Equal(TimeSpan.FromHours(1), info.Date.Offset);
    }

    [Fact]
    public void Open_Subdirectory_FindsTheTopLevel()
    {
        _git.Commit("first", ("src/a.txt", "1"));

        var repo = GitRepository.Open(Path.Combine(_git.Path, "src"));

        Assert.Equal(_git.Git("rev-parse", "--show-toplevel"), repo.Root);
    }

    [Fact]
    public void Open_DirectoryOutsideAnyRepository_ThrowsNamingIt()
    {
        var plain = Directory.CreateDirectory(_git.Outside("plain")).FullName;

        var ex = Assert.Throws<GitException>(() => GitRepository.Open(plain));

        Assert.Contains($"{plain} is not a git work tree", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a git repository", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MissingDirectory_ThrowsNamingIt()
    {
        var missing = _git.Outside("missing");

        var ex = Assert.Throws<GitException>(() => GitRepository.Open(missing));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstParentRange_HistoryWithMerge_ReturnsMainlineOldestFirst()
    {
        var good = _git.Commit("c0", ("a.txt", "0"));
        var c1 = _git.Commit("c1", ("a.txt", "1"));
        _git.Git("switch", "--quiet", "-c", "side");
        var s1 = _git.Commit("s1", ("b.txt", "1"));
        var s2 = _git.Commit("s2", ("b.txt", "2"));
        _git.Git("switch", "--quiet", "main");
        var c2 = _git.Commit("c2", ("a.txt", "2"));
        _git.Git("merge", "--quiet", "--no-ff", "--no-edit", "side");
        var merge = _git.Git("rev-parse", "HEAD");
        var bad = _git.Commit("c3", ("a.txt", "3"));
        var repo = GitRepository.Open(_git.Path);

        var range = repo.FirstParentRange(good, "main");

        Assert.Equal([c1, c2, merge, bad], range);
        Assert.DoesNotContain(s1, range);
        Assert.DoesNotContain(s2, range);
        Assert.Equal([bad], repo.FirstParentRange("HEAD~1", "HEAD"));
        Assert.Empty(repo.FirstParentRange(bad, bad));
    }

    [Fact]
    public void FirstParentRange_GoodNotAncestorOfBad_Throws()
    {
        _git.Commit("c0", ("a.txt", "0"));
        var older = _git.Commit("c1", ("a.txt", "1"));
        var newer = _git.Commit("c2", ("a.txt", "2"));
        var repo = GitRepository.Open(_git.Path);

        var ex = Assert.Throws<GitException>(() => repo.FirstParentRange(newer, older));

        Assert.Contains("is not an ancestor of", ex.Message, StringComparison.Ordinal);
    }
}
