using AiLab.Core.Verdicts;
using AiLab.Core.Workflows;
using AiLab.Lab.Analysis;
using AiLab.Lab.Bisection;
using AiLab.Lab.Confirmation;

namespace AiLab.Lab.Release;

/// <summary>The release tier: runs every workflow of the suite as an A/B experiment between two releases (repeating an
/// inconclusive one with more trials), names the phases that moved, and, when asked, bisects each regression and
/// improvement to its culprits with the same comparer. With <c>confirmerFor</c>, the comparison of the two releases
/// is confirmed (<see cref="ConfirmingRevisionComparer"/>): a change that fresh trials do not reproduce is not
/// reported.</summary>
public sealed class ReleaseRunner(
    Func<WorkflowSpec, IRevisionComparer> comparerFor, ICommitLookup? commits = null, TimeProvider? time = null,
    Func<WorkflowSpec, IRevisionComparer>? confirmerFor = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Runs the release comparison. Interruption is a result (<see
    /// cref="ReleaseResult.Interrupted"/>).</summary>
    public async Task<ReleaseResult> RunAsync(ReleaseRequest request, IProgress<BisectProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Workflows.Count == 0) throw new ArgumentException("the suite has no workflows");
        if (request.Commits.Count == 0) throw new ArgumentException($"the previous release and the candidate are the " +
            $"same commit: there is no release to compare");
        var started = _time.GetTimestamp();
        var done = new List<WorkflowRelease>();
        var interrupted = false;
        foreach (var workflow in request.Workflows)
        {
            var say = progress is null ? null : new Prefixed(progress, workflow.Name);
            var release = await CompareAsync(request, workflow, say, cancellationToken).ConfigureAwait(false);
            done.Add(release);
            if (release.Bisection?.Status == BisectStatus.Interrupted || cancellationToken.IsCancellationRequested)
            {
                interrupted = true;
                break;
            }
        }

        return new ReleaseResult
        {
            From = request.From, To = request.To, Commits = request.Commits.Count, Metric = request.Metric,
            Workflows = done, Interrupted = interrupted, Elapsed = _time.GetElapsedTime(started),
        };
    }

    private async Task<WorkflowRelease> CompareAsync(
        ReleaseRequest request, WorkflowSpec workflow, IProgress<BisectProgress>? progress,
        CancellationToken cancellationToken)
    {
        var comparer = comparerFor(workflow);
        var releaseComparer = confirmerFor is null ? comparer : new ConfirmingRevisionComparer(comparer, confirmerFor(workflow));
        var trials = workflow.Trials ?? request.Trials;
        var ledger = new ComparisonLedger(releaseComparer, 1,
            sha => sha == request.From ? $"from {Short(sha)}" : sha == request.To ? $"to {Short(sha)}" : Short(sha),
            progress);
        Measurement measured;
        try
        {
            measured = await ledger.MeasureAsync(request.From, request.To, request.Metric, new StepPolicy(trials, trials * request.MaxTrialsFactor),
                m => EffectClassifier.Detect(m, 0), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new WorkflowRelease
            {
                Workflow = workflow, Failure = "interrupted", Experiments = ledger.Completed.Count,
                Trials = ledger.Completed.Sum(c => c.TrialsRun),
            };
        }

        var release = new WorkflowRelease
        {
            Workflow = workflow,
            Comparison = measured.Comparison,
            Experiments = ledger.Completed.Count,
            Trials = ledger.Completed.Sum(c => c.TrialsRun),
        };
        if (measured.Failed)
        {
            var side = measured.Comparison.Failure == ComparisonFailure.Base ? "the previous release" : "the release candidate";
            return release with { Failure = $"{side} could not be built or run: {measured.Comparison.Reason}" };
        }

        var overall = measured.Comparison.Verdict!.Overall;
        var verdict = measured.Reading switch
        {
            Reading.None => Verdict.NoChange,
            // The same family rule as every other mode: a phase that decided the overall verdict decides the release.
            Reading.Inconclusive when request.Metric == MetricCatalog.Ttfb && overall is Verdict.Regression or Verdict.Improvement
                => overall,
            Reading.Inconclusive => Verdict.Inconclusive,
            _ => measured.Comparison.Metric(request.Metric)!.Verdict,
        };
        var phases = measured.Comparison.Verdict!.Metrics
            .Where(m => MetricCatalog.IsPhase(m.Name) && m.Verdict is Verdict.Regression or Verdict.Improvement)
            .OrderByDescending(m => Math.Abs(m.Diff)).ToList();
        release = release with { Verdict = verdict, PhasesMoved = phases };
        // A phase that moved is worth bisecting even when start-up noise leaves TTFB inconclusive.
        if (!request.Bisect || (verdict is not (Verdict.Regression or Verdict.Improvement) && phases.Count == 0)) return release;

        var bisection = await new Bisector(comparer, commits, _time).RunAsync(
            new BisectRequest
            {
                Good = request.From, Commits = request.Commits, Metric = request.Metric, Trials = trials,
                MaxTrials = trials * request.MaxTrialsFactor, Jobs = request.Jobs, RangeComparison = measured.Comparison,
            },
            progress,
            cancellationToken).ConfigureAwait(false);
        return release with { Bisection = bisection };
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    /// <summary>Prefixes every progress line with the workflow's name.</summary>
    private sealed class Prefixed(IProgress<BisectProgress> inner, string workflow) : IProgress<BisectProgress>
    {
        public void Report(BisectProgress value) => inner.Report(value with { Message = $"[{workflow}] {value.Message}" });
    }
}
