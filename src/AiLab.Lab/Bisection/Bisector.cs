using System.Globalization;
using AiLab.Core.Verdicts;
using AiLab.Lab.Analysis;

namespace AiLab.Lab.Bisection;

/// <summary>Finds the commits that changed a metric between a good and a bad commit (docs/bisect.md): compares good
/// with bad first, and only when the metric changed searches each phase that moved, sharing experiments between the
/// searches, skipping commits that cannot be built or run, and repeating inconclusive steps with more trials.</summary>
public sealed class Bisector(IRevisionComparer comparer, ICommitLookup? commits = null, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Bisects <paramref name="request"/>'s range. Interruption is a result (<see cref="BisectStatus.Interrupted"/>),
    /// with whatever was found before it.</summary>
    /// <exception cref="ArgumentException">The request is invalid.</exception>
    public async Task<BisectResult> RunAsync(BisectRequest request, IProgress<BisectProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request = request.Validated();
        var started = _time.GetTimestamp();
        var chain = new List<string> { request.Good };
        chain.AddRange(request.Commits);
        var n = request.Commits.Count;
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < chain.Count; i++) positions.TryAdd(chain[i], i);
        string Describe(int i) => i == 0 ? $"good {Short(chain[0])}"
            : i == n ? $"bad {Short(chain[i])}"
            : string.Create(CultureInfo.InvariantCulture, $"{Short(chain[i])} (#{i})");
        string DescribeSha(string sha) => positions.TryGetValue(sha, out var i) ? Describe(i) : Short(sha);

        var ledger = new ComparisonLedger(comparer, request.Jobs, DescribeSha, progress);
        if (request.RangeComparison is { } known) ledger.Reuse(known);
        var policy = new StepPolicy(request.Trials, request.MaxTrials);
        var result = new BisectResult { Good = request.Good, Bad = request.Bad, Metric = request.Metric, Commits = n, Status = BisectStatus.Completed };
        var searches = new List<TargetSearch>();
        try
        {
            Reading Classify(RevisionComparison c) => RangeReading(request.Metric, c);
            var range = Decided(request.RangeComparison, Classify)
                ?? await ledger.MeasureAsync(request.Good, request.Bad, request.Metric, policy, Classify, cancellationToken).ConfigureAwait(false);
            result = result with { RangeComparison = range.Comparison };
            if (range.Failed)
            {
                var side = range.Comparison.Failure == ComparisonFailure.Base
                    ? $"the good commit {Short(request.Good)}"
                    : $"the bad commit {Short(request.Bad)}";
                return Finish(result with
                {
                    Status = BisectStatus.WorkloadFailed,
                    StatusReason = $"{side} could not be built or run: {range.Comparison.Reason}",
                });
            }

            var verdict = range.Comparison.Verdict!;
            var metricReading = EffectClassifier.Detect(
                EffectClassifier.AsJudged(range.Comparison, request.Metric), 0);
            var rangeVerdict = metricReading switch
            {
                Reading.None => Verdict.NoChange,
                // TTFB alone could not tell, but the family rule decided by a phase: that is the range's verdict.
                Reading.Inconclusive when request.Metric == MetricCatalog.Ttfb &&
                                          verdict.Overall is Verdict.Regression or Verdict.Improvement => verdict.Overall,
                Reading.Inconclusive => Verdict.Inconclusive,
                _ => range.Comparison.Metric(request.Metric)!.Verdict,
            };
            result = result with { RangeVerdict = rangeVerdict };
            IReadOnlyList<string> targets = range.Reading switch
            {
                Reading.None or Reading.Inconclusive => [],
                _ when metricReading == Reading.Inconclusive => MovedPhases(verdict, 0),
                _ => TargetsOf(request.Metric, verdict),
            };
            if (targets.Count == 0)
                return Finish(result with { Notes = QuietRangeNotes(request, range) });
            if (metricReading == Reading.Inconclusive)
            {
                result = result with
                {
                    Notes = [string.Create(CultureInfo.InvariantCulture, $"{request.Metric} was inconclusive at " +
                        $"{range.Comparison.TrialsPerVariant} trials per variant, but {string.Join(", ", targets)} " +
                        $"moved beyond doubt; searched those")],
                };
            }

            result = result with { Targets = targets };
            progress?.Report(new BisectProgress(BisectProgressKind.Step, $"good vs bad: {request.Metric} " +
                $"{rangeVerdict.ToWire()}; searching {string.Join(", ", targets)} over {n} commits"));
            searches.AddRange(targets.Select(t => new TargetSearch(t, chain, ledger, policy, Describe, progress, cancellationToken)));
            await Task.WhenAll(searches.Select(s => s.RunAsync(0, n, range.Comparison))).ConfigureAwait(false);
            return Finish(result);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Finish(result with { Status = BisectStatus.Interrupted, StatusReason = "interrupted; the experiments so far are stored" });
        }

        BisectResult Finish(BisectResult r) => r with
        {
            Culprits = Merge(request, chain, searches.SelectMany(s => s.Findings)),
            Unresolved = searches.SelectMany(s => s.Unresolved).OrderBy(u => positions[u.To]).ToList(),
            Skipped = ledger.Broken.Where(kv => positions.TryGetValue(kv.Key, out var i) && i > 0 && i < n)
                .Select(kv => new SkippedCommit(kv.Key, positions[kv.Key], kv.Value.Reason ?? "could not be built or run", kv.Value.ExperimentId))
                .OrderBy(s => s.Position).ToList(),
            Comparisons = ledger.Completed,
            Elapsed = _time.GetElapsedTime(started),
        };
    }

    /// <summary>The metrics to search: every phase that moved between good and bad (so each culprit is named by its
    /// phase, and a regression and an improvement in different phases are both found even when they cancel in TTFB),
    /// or the metric itself when no phase moved or a single metric was asked for.</summary>
    /// <remarks>With several phases tested at once, one of them moves by chance now and then; a phase is searched
    /// only when its change also passes its Holm level in the verdict's family (the same test that lets a phase decide
    /// the overall verdict, <see cref="PhaseDecomposedRule"/>; Bonferroni at <see cref="TargetAlpha"/> divided by the
    /// number of phases where a stored verdict predates it) and is at least <see cref="TargetShare"/> of the metric's
    /// own change. A chance target would
    /// not blame anyone (its culprit's own comparison would not show it) but would spend experiments.</remarks>
    private static IReadOnlyList<string> TargetsOf(string metric, ExperimentVerdict verdict)
    {
        if (metric != MetricCatalog.Ttfb) return [metric];
        var moved = MovedPhases(verdict, TargetShare * Math.Abs(verdict.Metrics.First(m => m.Name == metric).Diff));
        return moved.Count > 0 ? moved : [metric];
    }

    /// <remarks>A CPU-bound phase's CPU time (<c>phase_cpu:</c>) is searched in place of its wall phase when the
    /// verdict would let it decide (<see cref="EffectClassifier.CountsAsCpu"/>: in the Holm family, not contradicted
    /// by the wall phase) and the wall phase did not move beyond doubt itself, so that a CPU regression found by
    /// <c>ab</c> on a busy machine is searched, and blamed, by the same rule.</remarks>
    private static List<string> MovedPhases(ExperimentVerdict verdict, double minimumDiff)
    {
        var phases = verdict.Metrics.Where(m => MetricCatalog.IsPhase(m.Name)).ToList();
        bool Moved(MetricComparison m) =>
            m.Verdict is Verdict.Regression or Verdict.Improvement && Math.Abs(m.Diff) >= minimumDiff &&
            (double.IsNaN(m.AdjustedP) ? m.PValue < TargetAlpha / phases.Count : m.AdjustedP <= TargetAlpha);
        var moved = phases.Where(Moved).Select(m => m.Name).ToList();
        var cpu = verdict.Metrics
            .Where(m => MetricCatalog.IsPhaseCpu(m.Name) && !moved.Contains(MetricCatalog.WallOf(m.Name)))
            .Where(m => Moved(m) && EffectClassifier.CountsAsCpu(
                m, phases.FirstOrDefault(p => p.Name == MetricCatalog.WallOf(m.Name))))
            .Select(m => m.Name);
        return [.. moved, .. cpu];
    }

    /// <summary>Family-wise significance level of the choice of phases to search.</summary>
    public const double TargetAlpha = 0.01;

    /// <summary>Smallest share of the metric's change a phase must carry to be searched.</summary>
    public const double TargetShare = 0.10;

    /// <summary>Whether good against bad shows anything to search: the metric's own verdict, or — when the metric is
    /// TTFB and stays inconclusive (start-up noise on a busy machine) — a phase that moved beyond doubt (see
    /// <see cref="TargetsOf"/>), which settles the step as well as more trials would.</summary>
    private static Reading RangeReading(string metric, RevisionComparison comparison)
    {
        var reading = EffectClassifier.Detect(EffectClassifier.AsJudged(comparison, metric), 0);
        if (reading == Reading.Inconclusive && metric == MetricCatalog.Ttfb && comparison.Verdict is { } verdict &&
            (verdict.Overall is Verdict.Regression or Verdict.Improvement || MovedPhases(verdict, 0).Count > 0))
            return Reading.All;
        return reading;
    }

    /// <summary>A comparison made before (by the release run) that already decides the range, or null.</summary>
    private static Measurement? Decided(RevisionComparison? known, Func<RevisionComparison, Reading> classify)
    {
        if (known is null) return null;
        if (!known.Succeeded) return new Measurement(Reading.Inconclusive, known, 0);
        var reading = classify(known);
        return reading == Reading.Inconclusive ? null : new Measurement(reading, known, 0);
    }

    private static List<string> QuietRangeNotes(BisectRequest request, Measurement range)
    {
        var notes = new List<string>();
        if (range.Reading == Reading.Inconclusive)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"good vs bad stayed inconclusive for {request.Metric} at {range.Comparison.TrialsPerVariant} trials " +
                $"per variant: no commit is blamed on a guess; raise --max-trials to look harder"));
        }

        foreach (var m in range.Comparison.Verdict!.Metrics.Where(m => m.Name != request.Metric
                     && MetricCatalog.IsPhase(m.Name) && m.Verdict is Verdict.Regression or Verdict.Improvement))
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{m.Name} moved {m.Diff:+0.0;-0.0} {m.Unit} while {request.Metric} did not; bisect it with --metric {m.Name}"));
        }

        return notes;
    }

    private List<Culprit> Merge(BisectRequest request, IReadOnlyList<string> chain, IEnumerable<Finding> findings) =>
        findings.GroupBy(f => f.Position).OrderBy(g => g.Key).Select(g =>
        {
            var effects = g.Select(f => new CulpritEffect(f.Metric, f.Evidence.Metric(f.Metric)!, f.Evidence.BaseCommit, f.Evidence.ExperimentId))
                .OrderByDescending(e => Math.Abs(e.Comparison.Diff)).ToList();
            var main = g.First(f => f.Metric == effects[0].Metric);
            var sha = chain[g.Key];
            return new Culprit
            {
                Commit = sha,
                Position = g.Key,
                Info = Try(() => commits?.Describe(sha)),
                DiffStat = Try(() => commits?.DiffStatOf(sha)),
                Metric = request.Metric,
                Main = effects[0],
                Effects = effects,
                MetricComparison = main.Evidence.Metric(request.Metric),
            };
        }).ToList();

    // A culprit is worth reporting even when its author cannot be looked up (a shallow clone, a rewritten history).
    private static T? Try<T>(Func<T?> lookup) where T : class
    {
        try
        {
            return lookup();
        }
        catch (Execution.Git.GitException)
        {
            return null;
        }
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
