using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Core.Variants;
using AiLab.Lab.Experiments;
using AiLab.Lab.Variants;

namespace AiLab.Lab.Bisection;

/// <summary>The real comparer: each comparison is a normal A/B experiment — planned, stored, run through the
/// <see cref="ExperimentRunner"/> with builds from the build cache, and analyzed — so <c>ailab show ID</c> works on
/// every step of a bisection or a release.</summary>
public sealed class ExperimentRevisionComparer : IRevisionComparer
{
    private readonly IExperimentStore _store;
    private readonly ExperimentRunner _runner;
    private readonly FailureRecordingPreparer _preparer;
    private readonly RevisionExperimentSettings _settings;
    private readonly TimeProvider _time;
    private readonly IProgress<ExperimentProgress>? _progress;

    /// <summary>A comparer that runs its experiments with these parts.</summary>
    public ExperimentRevisionComparer(
        IExperimentStore store, ITrialExecutor executor, IVariantPreparer preparer, LabPaths paths,
        RevisionExperimentSettings settings, TimeProvider? time = null, IProgress<ExperimentProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(settings);
        _store = store;
        _preparer = new FailureRecordingPreparer(preparer);
        _runner = new ExperimentRunner(store, executor, _preparer, paths);
        _settings = settings;
        _time = time ?? TimeProvider.System;
        _progress = progress;
    }

    /// <inheritdoc />
    public async Task<RevisionComparison> CompareAsync(string baseCommit, string candidateCommit, int trialsPerVariant, CancellationToken cancellationToken)
    {
        var experiment = ExperimentPlanner.Create(
            new ExperimentPlan
            {
                Kind = ExperimentKind.AB,
                Tier = _settings.Tier,
                Workflow = _settings.Workflow,
                RepositoryPath = _settings.RepositoryPath,
                WorkingDirectory = _settings.WorkingDirectory,
                Variants =
                [
                    new Variant("A", baseCommit, new Dictionary<string, string>()),
                    new Variant("B", candidateCommit, new Dictionary<string, string>()),
                ],
                Trials = trialsPerVariant,
                Warmup = _settings.Warmup,
                Seed = _settings.Seed is { } seed ? DerivedSeed(_settings.Confirmation ? ~seed : seed, baseCommit, candidateCommit, trialsPerVariant) : null,
            },
            _time);
        if (_settings.Confirmation) experiment = experiment with { FreshBuilds = true };
        var stableId = _settings.ExperimentIdFor?.Invoke(baseCommit, candidateCommit, trialsPerVariant);
        if (stableId is not null
            && await _store.FindAsync(stableId, CancellationToken.None).ConfigureAwait(false) is { } existing
            && existing.Id == stableId)
        {
            // Run before (a restarted server): the runner resumes it, or recomputes the verdict of a finished one.
            experiment = existing;
        }
        else
        {
            if (stableId is not null) experiment = experiment with { Id = stableId };
            await _store.CreateAsync(experiment, CancellationToken.None).ConfigureAwait(false);
        }

        var outcome = await _runner.RunAsync(experiment, _settings.Policy, _progress, cancellationToken).ConfigureAwait(false);
        var stored = outcome.Experiment;
        var comparison = new RevisionComparison
        {
            BaseCommit = stored.Commits.GetValueOrDefault("A", baseCommit),
            CandidateCommit = stored.Commits.GetValueOrDefault("B", candidateCommit),
            TrialsPerVariant = trialsPerVariant,
            ExperimentId = stored.Id,
            TrialsRun = outcome.Trials.Count,
        };
        if (stored.Status == ExperimentStatus.Interrupted)
            return comparison with { Failure = ComparisonFailure.Interrupted, Reason = stored.StatusReason };

        var side = FailedSide(stored, outcome.Trials);
        if (side is { } failed)
            return comparison with
            {
                Failure = failed,
                Reason = stored.StatusReason
                         ?? FailureReason(outcome.Trials, failed == ComparisonFailure.Base ? "A" : "B"),
            };
        return comparison with { Verdict = stored.Verdict };
    }

    /// <summary>A side failed when it could not be prepared, or when too few of its measured trials succeeded to be
    /// compared; a side with the odd failed trial among enough good ones still counts (the verdict notes it).</summary>
    private ComparisonFailure? FailedSide(Experiment experiment, IReadOnlyList<TrialRecord> trials)
    {
        if (_preparer.FailedVariant(experiment.Id) is { } unprepared) return unprepared == "A" ? ComparisonFailure.Base : ComparisonFailure.Candidate;
        foreach (var (label, side) in new[] { ("A", ComparisonFailure.Base), ("B", ComparisonFailure.Candidate) })
        {
            var measured = trials.Where(t => t.Variant == label && !t.IsWarmup).ToList();
            var ran = trials.Where(t => t.Variant == label).ToList();
            var allFailed = ran.Count > 0 && ran.All(t => !t.Result.Succeeded);
            if (allFailed || measured.Count(t => t.Result.Succeeded) < _settings.Policy.MinTrials) return side;
        }

        return experiment.Status == ExperimentStatus.Failed ? ComparisonFailure.Candidate : null;
    }

    private static string FailureReason(IReadOnlyList<TrialRecord> trials, string label)
    {
        var failed = trials.Where(t => t.Variant == label && !t.Result.Succeeded)
            .Select(t => t.Result.Reason ?? t.Result.Failure.ToString()).Distinct().Take(2).ToList();
        return failed.Count == 0 ? $"variant {label} produced too few successful trials" : $"trials of {label} failed: {string.Join("; ", failed)}";
    }

    private static int DerivedSeed(int seed, string a, string b, int trials)
    {
        unchecked
        {
            var h = seed;
            foreach (var ch in $"{a}:{b}:{trials.ToString(CultureInfo.InvariantCulture)}") h = (h * 31) + ch;
            return h;
        }
    }
}
