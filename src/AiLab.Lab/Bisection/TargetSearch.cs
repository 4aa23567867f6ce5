using System.Collections.Concurrent;
using System.Globalization;

namespace AiLab.Lab.Bisection;

/// <summary>The search for every step of one metric in the chain good = 0, 1, ..., n = bad. Each segment (lo, hi]
/// carries the change measured across it; its midpoint is compared against lo, the known-good side, and the
/// segment narrows to the half that holds the change — or splits into both halves when the midpoint holds part of
/// it. A segment of one commit is a culprit once its own comparison shows the change.</summary>
internal sealed class TargetSearch(
    string metric,
    IReadOnlyList<string> chain,
    ComparisonLedger ledger,
    StepPolicy policy,
    Func<int, string> describe,
    IProgress<BisectProgress>? progress,
    CancellationToken cancellationToken)
{
    /// <summary>Culprits found.</summary>
    public ConcurrentBag<Finding> Findings { get; } = [];

    /// <summary>Segments that could not be narrowed to one commit.</summary>
    public ConcurrentBag<UnresolvedRange> Unresolved { get; } = [];

    /// <summary>Searches (lo, hi], across which <paramref name="evidence"/> (lo against hi) measured a change.</summary>
    public Task RunAsync(int lo, int hi, RevisionComparison evidence) => SearchAsync(lo, hi, Effect.Of(evidence.Metric(metric)!), evidence);

    private async Task SearchAsync(int lo, int hi, Effect step, RevisionComparison? direct)
    {
        if (hi - lo == 1)
        {
            await ConcludeAsync(lo, hi, step, direct).ConfigureAwait(false);
            return;
        }

        var (probe, measured) = await ProbeAsync(lo, hi, step).ConfigureAwait(false);
        if (measured is null)
        {
            var skipped = Enumerable.Range(lo + 1, hi - lo - 1).ToList();
            GiveUp(lo, hi, $"every commit inside could not be built or run " +
                $"({string.Join(", ", skipped.Select(describe))}); the change is in one of them or in {describe(hi)}");
            return;
        }

        if (measured.Failed)
        {
            GiveUp(lo, hi, $"{describe(lo)}, which ran before, failed this time: {measured.Comparison.Reason?.Split('\n')[0]}");
            return;
        }

        var effect = measured.Reading == Reading.Inconclusive ? step : Effect.Of(measured.Comparison.Metric(metric)!);
        Say(BisectProgressKind.Step, measured.Reading switch
        {
            Reading.None => $"none of the change is in {describe(lo)}..{describe(probe)}: it lies in {describe(probe)}..{describe(hi)}",
            Reading.All => $"all of the change ({Ms(effect.Diff)}) is in {describe(lo)}..{describe(probe)}",
            Reading.Part => $"{Ms(effect.Diff)} of {Ms(step.Diff)} is in {describe(lo)}..{describe(probe)}: searching both halves",
            _ => $"{describe(lo)} vs {describe(probe)} stayed inconclusive at {measured.Comparison.TrialsPerVariant} trials",
        });
        switch (measured.Reading)
        {
            case Reading.None:
                await SearchAsync(probe, hi, step, null).ConfigureAwait(false);
                break;
            case Reading.All:
                await SearchAsync(lo, probe, effect, measured.Comparison).ConfigureAwait(false);
                break;
            case Reading.Part:
                var scale = Math.Max(Math.Abs(step.Diff), Math.Abs(effect.Diff));
                await Task.WhenAll(
                    SearchAsync(lo, probe, effect, measured.Comparison),
                    RestAsync(probe, hi, scale)).ConfigureAwait(false);
                break;
            default:
                GiveUp(lo, hi, $"{describe(lo)} vs {describe(probe)} stayed inconclusive at " +
                    $"{measured.Comparison.TrialsPerVariant} trials per variant, the most allowed");
                break;
        }
    }

    /// <summary>The rest of a segment beside a part found: measured on its own, since its change is only inferred.</summary>
    private async Task RestAsync(int lo, int hi, double scale)
    {
        var measured = await MeasureAsync(lo, hi, m => EffectClassifier.Detect(m, scale)).ConfigureAwait(false);
        if (measured.Failed)
        {
            GiveUp(lo, hi, $"{describe(lo)} vs {describe(hi)} failed: {measured.Comparison.Reason?.Split('\n')[0]}");
            return;
        }

        switch (measured.Reading)
        {
            case Reading.None:
                Say(BisectProgressKind.Step, $"nothing more in {describe(lo)}..{describe(hi)}");
                break;
            case Reading.Inconclusive:
                GiveUp(lo, hi, $"{describe(lo)} vs {describe(hi)} stayed inconclusive at " +
                    $"{measured.Comparison.TrialsPerVariant} trials per variant, the most allowed");
                break;
            default:
                var effect = Effect.Of(measured.Comparison.Metric(metric)!);
                Say(BisectProgressKind.Step, $"{Ms(effect.Diff)} more in {describe(lo)}..{describe(hi)}");
                await SearchAsync(lo, hi, effect, measured.Comparison).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>The segment is one commit: blame it once its own comparison shows the change.</summary>
    private async Task ConcludeAsync(int lo, int hi, Effect step, RevisionComparison? direct)
    {
        var evidence = direct;
        if (evidence is null)
        {
            // Reached by ruling out everything before hi: that inference is checked by hi's own experiment before
            // anyone is blamed, which also gives the culprit an effect of its own.
            var measured = await MeasureAsync(lo, hi, m => EffectClassifier.Locate(m, step)).ConfigureAwait(false);
            if (measured.Failed)
            {
                GiveUp(lo, hi, $"{describe(hi)} could not be verified: {measured.Comparison.Reason?.Split('\n')[0]}");
                return;
            }

            var effect = Effect.Of(measured.Comparison.Metric(metric)!);
            if (measured.Reading == Reading.Inconclusive || measured.Reading == Reading.None || Math.Sign(effect.Diff) != Math.Sign(step.Diff))
            {
                var why = measured.Reading == Reading.Inconclusive
                    ? $"its own comparison stayed inconclusive at {measured.Comparison.TrialsPerVariant} trials per variant"
                    : $"the change ({Ms(step.Diff)}) did not show between {describe(lo)} and {describe(hi)} ({Ms(effect.Diff)})";
                GiveUp(lo, hi, $"{describe(hi)} is not blamed: {why}");
                return;
            }

            evidence = measured.Comparison;
        }

        Findings.Add(new Finding(metric, hi, evidence));
        Say(BisectProgressKind.Culprit, $"{Ms(evidence.Metric(metric)!.Diff)} in {describe(hi)}");
    }

    /// <summary>Compares a commit inside (lo, hi) against lo: the midpoint, or, when it cannot be built or run, the
    /// nearest one that can, alternating sides as <c>git bisect skip</c> does. Null when none can.</summary>
    private async Task<(int Probe, Measurement? Measured)> ProbeAsync(int lo, int hi, Effect step)
    {
        var mid = lo + ((hi - lo) / 2);
        foreach (var probe in NearestFirst(mid, lo + 1, hi - 1))
        {
            if (ledger.IsBroken(chain[probe])) continue;
            var measured = await MeasureAsync(lo, probe, m => EffectClassifier.Locate(m, step)).ConfigureAwait(false);
            if (measured.Comparison.Failure == ComparisonFailure.Candidate)
            {
                Say(BisectProgressKind.Skipped, $"skipping {describe(probe)}: it could not be built or run");
                continue;
            }

            return (probe, measured);
        }

        return (-1, null);
    }

    private Task<Measurement> MeasureAsync(int lo, int hi, Func<Core.Verdicts.MetricComparison?, Reading> classify) =>
        ledger.MeasureAsync(chain[lo], chain[hi], metric, policy, classify, cancellationToken);

    private static IEnumerable<int> NearestFirst(int mid, int first, int last)
    {
        for (var d = 0; mid + d <= last || mid - d >= first; d++)
        {
            if (mid + d <= last && mid + d >= first) yield return mid + d;
            if (d > 0 && mid - d >= first && mid - d <= last) yield return mid - d;
        }
    }

    private void GiveUp(int lo, int hi, string reason)
    {
        var candidates = Enumerable.Range(lo + 1, hi - lo).Select(i => chain[i]).ToList();
        Unresolved.Add(new UnresolvedRange(metric, chain[lo], chain[hi], candidates, reason));
        Say(BisectProgressKind.Unresolved, reason);
    }

    private void Say(BisectProgressKind kind, string message) => progress?.Report(new BisectProgress(kind, $"{metric}: {message}"));

    private string Ms(double diff) => diff.ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " " + Analysis.MetricCatalog.UnitOf(metric);
}
