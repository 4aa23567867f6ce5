using AiLab.Core.Scheduling;
using AiLab.Execution.Git;

namespace AiLab.Server.Scheduling;

/// <summary>Queues release-tier work for release candidates, beside the change tier: each new tag matching
/// <see cref="SchedulerOptions.ReleaseTags"/> against the previous matching tag, and each new head of a
/// <see cref="SchedulerOptions.ReleaseBranches"/> branch against the previous head seen. The first poll queues the
/// newest candidate only (against the tag before it, or the head's first parent), like the change tier.</summary>
public static class ReleasePoller
{
    /// <summary>The tier name of the work this poller queues.</summary>
    public const string Tier = "release";

    /// <summary>Prefix of the queue's branch key for tags, so a tag pattern never collides with a branch
    /// name.</summary>
    public const string TagKey = "tags/";

    /// <summary>Polls every release source once; returns how many items were queued.</summary>
    public static async Task<int> PollAsync(IWorkQueue queue, SchedulerOptions options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var repo = GitRepository.Open(options.Repository);
        var queued = 0;
        if (options.ReleaseTags is { } pattern)
            queued += await PollTagsAsync(queue, repo, pattern, time, cancellationToken).ConfigureAwait(false);
        foreach (var branch in options.ReleaseBranches)
            queued += await PollBranchAsync(queue, repo, branch, time, cancellationToken).ConfigureAwait(false);
        return queued;
    }

    private static async Task<int> PollTagsAsync(IWorkQueue queue, GitRepository repo, string pattern,
        TimeProvider time, CancellationToken ct)
    {
        var tags = repo.Tags(pattern);
        if (tags.Count == 0) return 0;
        var key = TagKey + pattern;
        var last = await queue.LastSeenAsync(repo.Root, key, ct).ConfigureAwait(false);
        var newest = tags[^1].Commit;
        if (last == newest) return 0;
        // Tags after the last one seen (all of them are new when it was re-tagged away); the first poll: the newest.
        var seenAt = last is null ? -1 : tags.ToList().FindLastIndex(t => t.Commit == last);
        var start = last is null ? tags.Count - 1 : seenAt + 1;
        var items = new List<WorkItem>();
        for (var i = Math.Max(0, start); i < tags.Count; i++)
        {
            // The first tag ever has no previous release: its first parent stands for it.
            var baseCommit = i > 0 ? tags[i - 1].Commit : Parent(repo, tags[i].Commit);
            if (baseCommit is null || baseCommit == tags[i].Commit) continue;
            items.Add(Item(repo, "tag:" + tags[i].Tag, baseCommit, tags[i].Commit, time));
        }

        await queue.EnqueueAsync(repo.Root, key, newest, items, ct).ConfigureAwait(false);
        return items.Count;
    }

    private static async Task<int> PollBranchAsync(IWorkQueue queue, GitRepository repo, string branch,
        TimeProvider time, CancellationToken ct)
    {
        var head = repo.ResolveCommit("refs/heads/" + branch);
        // The queue's last-seen key is per tier: the same branch may also be watched by the change tier.
        var key = Tier + ":" + branch;
        var last = await queue.LastSeenAsync(repo.Root, key, ct).ConfigureAwait(false);
        if (last == head) return 0;
        var baseCommit = last ?? Parent(repo, head);
        var items = baseCommit is null ? [] : new List<WorkItem> { Item(repo, branch, baseCommit, head, time) };
        await queue.EnqueueAsync(repo.Root, key, head, items, ct).ConfigureAwait(false);
        return items.Count;
    }

    private static WorkItem Item(GitRepository repo, string branch, string baseCommit, string commit, TimeProvider time)
        =>
        new() { Repository = repo.Root, Branch = branch, BaseCommit = baseCommit, Commit = commit, Tier = Tier,
            EnqueuedAt = time.GetUtcNow() };

    private static string? Parent(GitRepository repo, string commit)
    {
        try { return repo.ResolveCommit(commit + "^1"); }
        catch (UnknownRevisionException) { return null; }
    }
}
