using AiLab.Server.Data;
using AiLab.Server.Scheduling;
using AiLab.Server.Tests.Fixtures;

namespace AiLab.Server.Tests.Scheduling;

/// <summary>The release tier's poller over a real git repository and the real SQLite queue: each new release
/// candidate (a matching tag, a release branch's new head) is queued once, against the previous candidate.</summary>
public sealed class ReleasePollerTests
{
    [Fact]
    public async Task PollAsync_NewMatchingTags_QueuesEachAgainstThePreviousTagOnce()
    {
        using var dir = new TempDirectory("ailab-release-");
        var repo = dir.Combine("repo");
        var c = FixtureRepository.Create(repo);
        using var data = LabData.OpenSqlite(dir.File("lab.db"));
        var options = Options(repo) with { ReleaseTags = "v*" };
        FixtureRepository.Git(repo, null, "tag", "v1.0", c[0]);
        FixtureRepository.Git(repo, null, "tag", "-a", "-m", "rc", "v1.1-rc1", c[2]);

        var first = await ReleasePoller.PollAsync(data.Queue, options, TimeProvider.System, CancellationToken.None);
        FixtureRepository.Git(repo, null, "tag", "v1.1", c[3]);
        FixtureRepository.Git(repo, null, "tag", "nightly-1", c[3]);
        var second = await ReleasePoller.PollAsync(data.Queue, options, TimeProvider.System, CancellationToken.None);
        var third = await ReleasePoller.PollAsync(data.Queue, options, TimeProvider.System, CancellationToken.None);
        var items = (await data.Queue.ListAsync()).Reverse().ToList();

        // The first poll takes the newest candidate only (the annotated tag peeled to its commit).
        Assert.Equal([1, 1, 0], new[] { first, second, third });
        Assert.All(items, i => Assert.Equal("release", i.Tier));
        Assert.Equal(("tag:v1.1-rc1", c[0], c[2]), (items[0].Branch, items[0].BaseCommit, items[0].Commit));
        Assert.Equal(("tag:v1.1", c[2], c[3]), (items[1].Branch, items[1].BaseCommit, items[1].Commit));
    }

    [Fact]
    public async Task PollAsync_ReleaseBranch_QueuesEachNewHeadAgainstThePreviousHead()
    {
        using var dir = new TempDirectory("ailab-release-");
        var repo = dir.Combine("repo");
        var c = FixtureRepository.Create(repo);
        using var data = LabData.OpenSqlite(dir.File("lab.db"));
        var options = Options(repo) with { ReleaseBranches = ["release"] };
        FixtureRepository.Git(repo, null, "branch", "release", c[1]);

        var first = await ReleasePoller.PollAsync(data.Queue, options, TimeProvider.System, CancellationToken.None);
        FixtureRepository.Git(repo, null, "branch", "-f", "release", c[3]);
        var second = await ReleasePoller.PollAsync(data.Queue, options, TimeProvider.System, CancellationToken.None);
        // The change tier watching main the same repository keeps its own last-seen head: both tiers queue.
        var change = await BranchPoller.PollAsync(data.Queue, options, TimeProvider.System, CancellationToken.None);
        var items = (await data.Queue.ListAsync()).Reverse().ToList();

        Assert.Equal([1, 1, 1], new[] { first, second, change });
        Assert.Equal(("release", "release", c[0], c[1]), (items[0].Tier, items[0].Branch, items[0].BaseCommit,
            items[0].Commit));
        // A new head is one candidate, compared with the last one: not each commit between them.
        Assert.Equal(("release", c[1], c[3]), (items[1].Tier, items[1].BaseCommit, items[1].Commit));
        Assert.Equal(("change", "main", c[3]), (items[2].Tier, items[2].Branch, items[2].Commit));
    }

    private static SchedulerOptions Options(string repo) =>
        new() { Repository = repo, Run = FixtureRepository.Run, Branches = ["main"] };
}
