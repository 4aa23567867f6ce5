using System.Globalization;
using AiLab.Application.Settings;
using AiLab.Core.Capacity;
using AiLab.Core.Experiments;
using AiLab.Core.Scheduling;
using AiLab.Core.Verdicts;
using AiLab.Core.Workflows;
using AiLab.Execution.Git;
using AiLab.Lab;
using AiLab.Lab.Analysis;
using AiLab.Lab.Bisection;
using AiLab.Lab.Incidents;
using AiLab.Server.Data;

namespace AiLab.Server.Scheduling;

/// <summary>The release tier's bisection: when a scheduled release comparison (previous release against the
/// candidate) confirms a regression, a <see cref="Tier"/> item is queued for the same range, and running it bisects
/// the commits between the two releases with the <see cref="Bisector"/> of <c>ailab bisect</c> and files an incident
/// per culprit (which the dashboard's bisection page shows). The item lives in the queue, and each step's experiment
/// has an id derived from the item and the step, so a restarted server resumes the bisection: finished steps are
/// read back, not rerun, and the step that was running keeps its stored trials.</summary>
public sealed class ReleaseBisection(LabData data, SchedulerOptions options, LabPaths paths, TimeProvider time)
{
    /// <summary>The tier name of the bisection items.</summary>
    public const string Tier = "bisect";

    /// <summary>Queues a bisection of <paramref name="release"/>'s range when its experiment
    /// (<paramref name="experiment"/>, confirmation included) found a regression; returns whether it did. Queueing
    /// the same range again does nothing (the queue holds one item per commit and tier).</summary>
    public static async Task<bool> QueueIfRegressedAsync(
        IWorkQueue queue, WorkItem release, Experiment experiment, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(time);
        if (experiment.Verdict?.Overall != Verdict.Regression) return false;
        var item = new WorkItem
        {
            Repository = release.Repository, Branch = release.Branch, BaseCommit = release.BaseCommit,
            Commit = release.Commit, Tier = Tier, EnqueuedAt = time.GetUtcNow(),
        };
        await queue.EnqueueAsync(release.Repository, Tier + ":" + release.Branch, release.Commit, [item], ct)
            .ConfigureAwait(false);
        return true;
    }

    /// <summary>The id of a bisection step's experiment: the item, the trials and both commits (fixed-length
    /// prefixes, so no id is a prefix of another).</summary>
    public static string StepExperimentId(long itemId, string baseCommit, string candidateCommit, int trials) =>
        string.Create(CultureInfo.InvariantCulture,
            $"ab-q{itemId}-s{trials}-{baseCommit[..Math.Min(10, baseCommit.Length)]}-"
            + $"{candidateCommit[..Math.Min(10, candidateCommit.Length)]}");

    /// <summary>Runs (or resumes) the bisection <paramref name="item"/> queued. Returns the bisection's result; the
    /// caller ends the item from its status.</summary>
    public async Task<BisectResult> RunAsync(WorkItem item, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var repo = GitRepository.Open(item.Repository);
        var commits = repo.FirstParentRange(item.BaseCommit, item.Commit);
        var spec = WorkflowSpec.AdHoc(options.Run) with { Name = Scheduler.WorkflowName };
        var trials = options.ReleaseTrials;
        var comparer = data.Session(paths).RevisionComparer(
            spec, item.Repository, item.Repository, options.Warmup, (int)(item.Id % int.MaxValue),
            tier: CapacityTier.Bisection,
            experimentIdFor: (a, b, n) => StepExperimentId(item.Id, a, b, n));
        var request = new BisectRequest
        {
            Good = item.BaseCommit, Commits = commits, Metric = MetricCatalog.Ttfb, Trials = trials,
            MaxTrials = TrialSettings.BisectMaxTrials(null, trials), Jobs = 1,
            RangeComparison = await RangeComparisonAsync(item, stoppingToken).ConfigureAwait(false),
        }.Validated();
        var result = await new Bisector(comparer, new GitCommitLookup(repo), time)
            .RunAsync(request, null, stoppingToken).ConfigureAwait(false);
        if (result.Status == BisectStatus.Completed)
        {
            // Recorded once per culprit and metric (the incident id derives from them): a resumed bisection that
            // files again adds nothing.
            foreach (var incident in CulpritIncidents.From(result, spec.Name, repo.Root, time.GetUtcNow()))
                await data.RecordIncidentAsync(incident, CancellationToken.None).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>The release comparison that found the regression, reused as the bisection's range comparison (not
    /// run again); null when its experiment is gone.</summary>
    private async Task<RevisionComparison?> RangeComparisonAsync(WorkItem item, CancellationToken ct)
    {
        var release = (await data.Queue.ListAsync(ct).ConfigureAwait(false)).FirstOrDefault(w =>
            w.Tier == ReleasePoller.Tier && w.Repository == item.Repository && w.Commit == item.Commit
            && w.BaseCommit == item.BaseCommit && w.ExperimentId is not null);
        if (release?.ExperimentId is not { } id
            || await data.ExperimentAsync(id, ct).ConfigureAwait(false) is not { Verdict: { } verdict } experiment
            || experiment.Id != id)
            return null;
        var trials = await data.TrialsAsync(id, ct).ConfigureAwait(false);
        return new RevisionComparison
        {
            BaseCommit = item.BaseCommit, CandidateCommit = item.Commit, TrialsPerVariant = experiment.TrialsPerVariant,
            ExperimentId = id, Verdict = verdict, TrialsRun = trials.Count,
        };
    }
}
