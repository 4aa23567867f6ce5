using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Ab;

/// <summary><c>ailab ab</c> between two commits of a real repository, built once each, never touching the user's
/// working tree.</summary>
[Collection(TimingSensitive.Name)]
public sealed class GitAbTests
{
    [Fact]
    public void Ab_CommitAddsSleep_ReportsConfirmedRegressionBuildsOncePerRevisionAndLeavesWorkingTreeAlone()
    {
        using var sandbox = new Sandbox();
        var repo = new GitRepo(Path.Combine(sandbox.Root, "repo"));
        var baseline = repo.Commit("fast start", new Dictionary<string, string> { ["work.py"] = Workloads.RepositoryWorkload(slow: false), ["README.md"] = "# demo\n" });
        var candidate = repo.Commit("validate the config thoroughly", new Dictionary<string, string> { ["work.py"] = Workloads.RepositoryWorkload(slow: true) });
        // The user is mid-edit: a modified tracked file and an untracked one.
        File.WriteAllText(Path.Combine(repo.Path, "README.md"), "# demo\nwork in progress\n");
        File.WriteAllText(Path.Combine(repo.Path, "notes.txt"), "untracked\n");
        var before = Snapshot(repo);
        var builds = Path.Combine(sandbox.Root, "builds.txt");
        string[] args = ["ab", "--repo", repo.Path, "--a", "HEAD~1", "--b", "HEAD", "--run", $"{Workloads.Python} work.py",
                         "--build", $"pwd >> {builds}", "--warmup", "0", "--json"];

        var result = sandbox.Ailab([.. args, "--trials", "12"]).AssertExit(0);

        var doc = result.Json();
        Assert.Equal("regression", doc.Str("verdict"));
        Assert.Equal("phase:config_validation", doc.Str("cause"));
        Assert.Equal((24, 0, 0), doc.TrialCounts());
        var variants = doc.GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal(("HEAD~1", baseline), (variants[0].Str("revision"), variants[0].Str("commit")));
        Assert.Equal(("HEAD", candidate), (variants[1].Str("revision"), variants[1].Str("commit")));
        // The regression was confirmed by a second stored experiment, built in worktrees of its own.
        var confirmation = doc.GetProperty("confirmation");
        Assert.True(confirmation.GetProperty("confirmed").GetBoolean(), confirmation.Str("reason"));
        Assert.Equal("regression", confirmation.Str("confirming_verdict"));
        var confirming = sandbox.Ailab(["show", confirmation.Str("experiment_id"), "--json"]).AssertExit(0).Json();
        Assert.Equal(doc.Id(), confirming.Str("confirmation_of"));
        Assert.NotEqual(doc.GetProperty("seed").GetInt32(), confirming.GetProperty("seed").GetInt32());
        var buildDirs = File.ReadAllLines(builds);
        Assert.Equal(4, buildDirs.Length);
        Assert.Equal(4, buildDirs.Distinct().Count());
        Assert.All(buildDirs, d => Assert.StartsWith(Path.Combine(sandbox.Home, "builds"), d, StringComparison.Ordinal));
        Assert.Equal(before, Snapshot(repo));
        StoreChecks.AssertLedgerMatchesStore(sandbox, StoreChecks.ShowWithConfirmation(sandbox, doc.Id()));

        // A second experiment on the same trees reuses both builds.
        var again = sandbox.Ailab([.. args, "--trials", "2"]).AssertExit(0);
        Assert.Equal((4, 0, 0), again.Json().TrialCounts());
        Assert.Equal(4, File.ReadAllLines(builds).Length);
        Assert.Contains("A build reused from cache", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("B build reused from cache", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(repo));
    }

    /// <summary>Everything a user would notice: status, HEAD, branch, and every file's content outside .git.</summary>
    private static string Snapshot(GitRepo repo)
    {
        var files = Directory.EnumerateFiles(repo.Path, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(repo.Path, f).StartsWith(".git", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(repo.Path, f)}:\n{File.ReadAllText(f)}");
        return $"status:\n{repo.Git("status", "--porcelain")}\nHEAD {repo.Git("rev-parse", "HEAD")}branch {repo.Git("branch", "--show-current")}\n{string.Join("\n", files)}";
    }
}
