using System.Collections.Concurrent;
using System.Globalization;
using AiLab.Core.Verdicts;
using AiLab.Core.Wire;

namespace AiLab.Lab.Bisection;

/// <summary>Every comparison a bisection asks for, run at most once: searches of different metrics (and the two halves
/// of a range) that need the same pair at the same trial count share one experiment. Also limits how many run at once,
/// counts what was spent, and remembers commits that could not be built or run.</summary>
internal sealed class ComparisonLedger(IRevisionComparer comparer, int jobs, Func<string, string> describe, IProgress<BisectProgress>? progress)
{
    private readonly ConcurrentDictionary<(string Base, string Candidate, int Trials), Lazy<Task<RevisionComparison>>> _runs = new();
    private readonly ConcurrentDictionary<string, RevisionComparison> _broken = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(jobs, jobs);
    private readonly List<RevisionComparison> _completed = [];
    private readonly Lock _gate = new();

    /// <summary>Comparisons run here, in the order they finished.</summary>
    public IReadOnlyList<RevisionComparison> Completed
    {
        get
        {
            lock (_gate) return _completed.ToList();
        }
    }

    /// <summary>Commits that failed to build or run, with the comparison that found out.</summary>
    public IReadOnlyDictionary<string, RevisionComparison> Broken => _broken;

    /// <summary>Makes a comparison done elsewhere (by the release run) available without running or counting it.</summary>
    public void Reuse(RevisionComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        _runs.TryAdd((comparison.BaseCommit, comparison.CandidateCommit, comparison.TrialsPerVariant),
            new Lazy<Task<RevisionComparison>>(Task.FromResult(comparison)));
    }

    /// <summary>True when <paramref name="commit"/> is known not to build or run.</summary>
    public bool IsBroken(string commit) => _broken.ContainsKey(commit);

    /// <summary>The comparison of the pair at this trial count, running it if nobody has yet.</summary>
    /// <exception cref="OperationCanceledException">The comparison was interrupted.</exception>
    public async Task<RevisionComparison> CompareAsync(string baseCommit, string candidate, int trials, CancellationToken cancellationToken)
    {
        var run = _runs.GetOrAdd((baseCommit, candidate, trials),
            key => new Lazy<Task<RevisionComparison>>(() => RunAsync(key.Base, key.Candidate, key.Trials, cancellationToken)));
        var result = await run.Value.ConfigureAwait(false);
        if (result.Failure == ComparisonFailure.Interrupted) throw new OperationCanceledException("interrupted", cancellationToken);
        return result;
    }

    /// <summary>Compares the pair and reads <paramref name="metric"/> (as the verdict counts it:
    /// <see cref="EffectClassifier.AsJudged"/>) with <paramref name="classify"/>; while the reading
    /// is inconclusive the comparison is repeated with twice the trials, up to the policy's most.</summary>
    public Task<Measurement> MeasureAsync(string baseCommit, string candidate, string metric, StepPolicy policy,
        Func<MetricComparison?, Reading> classify, CancellationToken cancellationToken) =>
        MeasureAsync(baseCommit, candidate, metric, policy, c => classify(EffectClassifier.AsJudged(c, metric)),
            cancellationToken);

    /// <summary>As above, with a reading of the whole comparison (<paramref name="metric"/> only names the step).</summary>
    public async Task<Measurement> MeasureAsync(string baseCommit, string candidate, string metric, StepPolicy policy,
        Func<RevisionComparison, Reading> classify, CancellationToken cancellationToken)
    {
        var repeats = 0;
        for (var trials = policy.Trials; ; trials = Math.Min(trials * 2, policy.MaxTrials), repeats++)
        {
            var comparison = await CompareAsync(baseCommit, candidate, trials, cancellationToken).ConfigureAwait(false);
            if (!comparison.Succeeded) return new Measurement(Reading.Inconclusive, comparison, repeats);
            var reading = classify(comparison);
            if (reading != Reading.Inconclusive || trials >= policy.MaxTrials) return new Measurement(reading, comparison, repeats);
            progress?.Report(new BisectProgress(BisectProgressKind.Step, string.Create(CultureInfo.InvariantCulture,
                $"{metric}: {describe(baseCommit)} vs {describe(candidate)} inconclusive at {trials} trials; " +
                $"repeating with {Math.Min(trials * 2, policy.MaxTrials)}")));
        }
    }

    private async Task<RevisionComparison> RunAsync(string baseCommit, string candidate, int trials, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var inv = CultureInfo.InvariantCulture;
            progress?.Report(new BisectProgress(BisectProgressKind.ComparisonStarted,
                string.Create(inv, $"A/B {describe(baseCommit)} vs {describe(candidate)}, {trials} trials each")));
            var result = await comparer.CompareAsync(baseCommit, candidate, trials, cancellationToken).ConfigureAwait(false);
            lock (_gate) _completed.Add(result);
            if (result.Failure == ComparisonFailure.Candidate) _broken.TryAdd(candidate, result);
            if (result.Failure == ComparisonFailure.Base) _broken.TryAdd(baseCommit, result);
            progress?.Report(new BisectProgress(BisectProgressKind.ComparisonFinished, Describe(result), result));
            return result;
        }
        finally
        {
            _slots.Release();
        }
    }

    private string Describe(RevisionComparison r)
    {
        var pair = $"{describe(r.BaseCommit)} vs {describe(r.CandidateCommit)}";
        if (r.Failure != ComparisonFailure.None)
            return $"{pair}: {WireNames.Of(r.Failure)} side failed ({FirstLine(r.Reason)})";
        var v = r.Verdict!;
        var moved = v.Metrics.Where(m => m.Verdict is Verdict.Regression or Verdict.Improvement && m.Name != v.PrimaryMetric)
            .Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Name} {m.Diff:+0.0;-0.0} {m.Unit}"));
        var primary = r.Metric(v.PrimaryMetric);
        var head = primary is null
            ? v.Overall.ToWire()
            : string.Create(CultureInfo.InvariantCulture,
                $"{v.PrimaryMetric} {v.Overall.ToWire()} {primary.Diff:+0.0;-0.0} {primary.Unit}");
        var rest = string.Join(", ", moved);
        return $"{pair}: {head}{(rest.Length > 0 ? "; moved: " + rest : "")} [{r.ExperimentId}]";
    }

    private static string FirstLine(string? text) => text is null ? "no reason given" : text.Split('\n')[0];
}
