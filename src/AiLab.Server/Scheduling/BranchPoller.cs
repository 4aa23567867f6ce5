using AiLab.Core.Scheduling;
using AiLab.Execution.Git;

namespace AiLab.Server.Scheduling;

/// <summary>Finds the commits that arrived on each watched branch since the last poll and queues a change-tier
/// comparison for each (its first parent against it). The first poll of a branch queues its head only: history
/// before the server started is the release tier's and bisection's business.</summary>
public static class BranchPoller
{
    /// <summary>Polls every branch once; returns how many items were queued.</summary>
    public static async Task<int> PollAsync(IWorkQueue queue, SchedulerOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var repo = GitRepository.Open(options.Repository);
        var queued = 0;
        foreach (var branch in options.Branches)
        {
            var head = repo.ResolveCommit("refs/heads/" + branch);
            var last = await queue.LastSeenAsync(repo.Root, branch, cancellationToken).ConfigureAwait(false);
            if (last == head) continue;
            var commits = last is null ? [head] : repo.FirstParentRange(last, head);
            var items = new List<WorkItem>();
            foreach (var commit in commits)
            {
                // A root commit has no parent to compare with.
                string parent;
                try { parent = repo.ResolveCommit(commit + "^1"); }
                catch (UnknownRevisionException) { continue; }
                items.Add(new WorkItem { Repository = repo.Root, Branch = branch, BaseCommit = parent, Commit = commit, EnqueuedAt = time.GetUtcNow() });
            }

            await queue.EnqueueAsync(repo.Root, branch, head, items, cancellationToken).ConfigureAwait(false);
            queued += items.Count;
        }

        return queued;
    }
}
