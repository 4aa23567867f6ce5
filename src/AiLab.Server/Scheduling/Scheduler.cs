using AiLab.Core.Capacity;
using AiLab.Core.Experiments;
using AiLab.Core.Scheduling;
using AiLab.Core.Variants;
using AiLab.Core.Workflows;
using AiLab.Lab;
using AiLab.Lab.Analysis;
using AiLab.Lab.Bisection;
using AiLab.Lab.Experiments;
using AiLab.Server.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiLab.Server.Scheduling;

/// <summary>The server's scheduler: polls the watched branches, and runs queued work, at most
/// <see cref="SchedulerOptions.Concurrency"/> at a time. The queue is in the database: at start, work left running by
/// a server that died is queued again and resumes its experiment (stored trials kept, the rest run), and each
/// item's experiment id is derived from the item, so a restart never starts a second experiment for it.</summary>
public sealed class Scheduler(
    LabData data, SchedulerOptions options, LabPaths paths, TimeProvider time, SchedulerWakeup wakeup, ILogger<Scheduler> log)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var requeued = await data.Queue.RequeueRunningAsync(stoppingToken).ConfigureAwait(false);
        if (requeued > 0) log.LogWarning("scheduler: resuming {Count} item(s) a previous server left running", requeued);
        var running = new List<Task>();
        Task? woken = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await BranchPoller.PollAsync(data.Queue, options, time, stoppingToken).ConfigureAwait(false);
                await ReleasePoller.PollAsync(data.Queue, options, time, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Execution.Git.GitException or IOException)
            {
                log.LogError("scheduler: polling {Repository} failed: {Message}", options.Repository, e.Message);
            }

            running.RemoveAll(t => t.IsCompleted);
            while (running.Count < options.Concurrency && await data.Queue.ClaimAsync(stoppingToken).ConfigureAwait(false) is { } item)
                running.Add(RunAsync(item, stoppingToken));
            var tick = Task.Delay(options.PollInterval, time, stoppingToken);
            // One waiter across iterations: a fresh one each loop would leave the old one to swallow a wake-up.
            if (woken is null || woken.IsCompleted) woken = wakeup.WaitAsync(stoppingToken);
            await Task.WhenAny([tick, woken, .. running]).ConfigureAwait(false);
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <summary>The name of the workflow the scheduler runs (<c>--run</c>).</summary>
    public const string WorkflowName = "watched";

    /// <summary>The id of the experiment that runs <paramref name="item"/>: derived from it, never from the clock.</summary>
    public static string ExperimentIdOf(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return $"ab-q{item.Id}-{item.Commit[..Math.Min(12, item.Commit.Length)]}";
    }

    private async Task RunAsync(WorkItem item, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            if (item.Tier == ReleaseBisection.Tier)
            {
                await BisectAsync(item, stoppingToken).ConfigureAwait(false);
                return;
            }

            var release = item.Tier == ReleasePoller.Tier;
            var id = ExperimentIdOf(item);
            var experiment = await data.ExperimentAsync(id, CancellationToken.None).ConfigureAwait(false) is { } stored && stored.Id == id
                ? stored
                : await CreateAsync(item, id).ConfigureAwait(false);
            await data.Queue.SetExperimentAsync(item.Id, id, CancellationToken.None).ConfigureAwait(false);
            // A release comparison is confirmed (fresh worktrees, a new trial order) before its regression starts a
            // bisection; the change tier reports its first run.
            var outcome = release
                ? (await data.Session(paths).Confirming.RunAsync(experiment, VerdictPolicy.Default, confirm: true, null,
                    stoppingToken).ConfigureAwait(false)).Outcome
                : await data.Runner(paths).RunAsync(experiment, VerdictPolicy.Default, null, stoppingToken)
                    .ConfigureAwait(false);
            switch (outcome.Experiment.Status)
            {
                case ExperimentStatus.Completed:
                    // Queued before the item is done: a crash in between reruns the finished item, which queues the
                    // same bisection again, a no-op.
                    if (release && await ReleaseBisection.QueueIfRegressedAsync(data.Queue, item, outcome.Experiment,
                            time, CancellationToken.None).ConfigureAwait(false))
                    {
                        log.LogInformation("scheduler: release {Branch} regressed; bisecting {Base}..{Commit}",
                            item.Branch, item.BaseCommit[..12], item.Commit[..12]);
                        wakeup.Wake();
                    }

                    await data.Queue.FinishAsync(item.Id, WorkStatus.Done, null, CancellationToken.None).ConfigureAwait(false);
                    break;
                case ExperimentStatus.Interrupted:
                    break; // stays running in the queue; the next start resumes it
                default:
                    await data.Queue.FinishAsync(item.Id, WorkStatus.Failed, outcome.Experiment.StatusReason ?? "the experiment failed",
                        CancellationToken.None).ConfigureAwait(false);
                    break;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the item stays running and resumes at the next start.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogError("scheduler: item {Id} ({Commit}) failed: {Message}", item.Id, item.Commit, e.Message);
            await data.Queue.FinishAsync(item.Id, WorkStatus.Failed, e.Message, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task BisectAsync(WorkItem item, CancellationToken stoppingToken)
    {
        var result = await new ReleaseBisection(data, options, paths, time).RunAsync(item, stoppingToken)
            .ConfigureAwait(false);
        switch (result.Status)
        {
            case BisectStatus.Completed:
                await data.Queue.FinishAsync(item.Id, WorkStatus.Done, null, CancellationToken.None)
                    .ConfigureAwait(false);
                break;
            case BisectStatus.Interrupted:
                break; // stays running in the queue; the next start resumes it from its stored steps
            default:
                await data.Queue.FinishAsync(item.Id, WorkStatus.Failed, result.StatusReason ?? "the bisection failed",
                    CancellationToken.None).ConfigureAwait(false);
                break;
        }
    }

    private async Task<Experiment> CreateAsync(WorkItem item, string id)
    {
        var release = item.Tier == ReleasePoller.Tier;
        var experiment = ExperimentPlanner.Create(
            new ExperimentPlan
            {
                Kind = ExperimentKind.AB,
                Workflow = WorkflowSpec.AdHoc(options.Run) with { Name = WorkflowName },
                RepositoryPath = item.Repository,
                WorkingDirectory = item.Repository,
                Variants =
                [
                    new Variant("A", item.BaseCommit, new Dictionary<string, string>()),
                    new Variant("B", item.Commit, new Dictionary<string, string>()),
                ],
                Trials = release ? options.ReleaseTrials : options.Trials,
                Warmup = options.Warmup,
                Seed = (int)(item.Id % int.MaxValue),
            },
            time) with { Id = id, Tier = release ? CapacityTier.Release : CapacityTier.Change };
        await data.CreateExperimentAsync(experiment, CancellationToken.None).ConfigureAwait(false);
        return experiment;
    }
}
