using AiLab.Core.Scheduling;

namespace AiLab.Storage.Tests.Contract;

/// <summary>The scheduler's durable queue (schema step 9) behaves the same on both engines.</summary>
public abstract partial class StoreContractTests
{
    private static readonly DateTimeOffset QueueTime = new(2026, 12, 6, 7, 0, 0, TimeSpan.Zero);

    private static WorkItem Work(string commit, string tier = "change") => new()
    {
        Repository = "/srv/repo", Branch = "main", BaseCommit = commit + "^", Commit = commit, Tier = tier,
        EnqueuedAt = QueueTime,
    };

    [Fact]
    public async Task WorkQueue_Enqueue_RecordsTheHeadAndSkipsCommitsAlreadyQueued()
    {
        Assert.Null(await _stores.WorkQueue.LastSeenAsync("/srv/repo", "main"));

        await _stores.WorkQueue.EnqueueAsync("/srv/repo", "main", "c2", [Work("c1"), Work("c2")]);
        await _stores.WorkQueue.EnqueueAsync(
            "/srv/repo", "main", "c3", [Work("c2"), Work("c3"), Work("c3", "release")]);

        Assert.Equal("c3", await _stores.WorkQueue.LastSeenAsync("/srv/repo", "main"));
        var listed = await _stores.WorkQueue.ListAsync();
        Assert.Equal(["c3/release", "c3/change", "c2/change", "c1/change"], listed.Select(w => $"{w.Commit}/{w.Tier}"));
        Assert.All(listed, w => Assert.Equal(WorkStatus.Queued, w.Status));
        Assert.Equal(QueueTime, listed[0].EnqueuedAt);
    }

    [Fact]
    public async Task WorkQueue_ClaimFinishAndRequeue_FollowTheItemsLife()
    {
        await _stores.WorkQueue.EnqueueAsync("/srv/repo", "main", "c2", [Work("c1"), Work("c2")]);

        var first = await _stores.WorkQueue.ClaimAsync();
        var second = await _stores.WorkQueue.ClaimAsync();
        Assert.Null(await _stores.WorkQueue.ClaimAsync());
        Assert.Equal("c1", first?.Commit);
        Assert.Equal((WorkStatus.Running, 1), (first!.Status, first.Attempts));

        await _stores.WorkQueue.SetExperimentAsync(first.Id, "ab-1");
        await _stores.WorkQueue.FinishAsync(first.Id, WorkStatus.Failed, "the build failed");
        Assert.Equal(1, await _stores.WorkQueue.RequeueRunningAsync());
        var again = await _stores.WorkQueue.ClaimAsync();

        Assert.Equal((second!.Id, 2), (again!.Id, again.Attempts));
        var done = (await _stores.WorkQueue.ListAsync()).Single(w => w.Id == first.Id);
        Assert.Equal((WorkStatus.Failed, "the build failed", "ab-1"), (done.Status, done.Reason, done.ExperimentId));
    }

    [Fact]
    public async Task WorkQueue_ConcurrentClaims_NeverHandOneItemTwice()
    {
        var items = Enumerable.Range(0, 20).Select(i => Work($"c{i:D2}")).ToList();
        await _stores.WorkQueue.EnqueueAsync("/srv/repo", "main", "c19", items);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var mine = new List<long>();
            while (await _stores.WorkQueue.ClaimAsync() is { } item) mine.Add(item.Id);
            return mine;
        })));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(20, all.Count);
        Assert.Equal(20, all.Distinct().Count());
    }
}
