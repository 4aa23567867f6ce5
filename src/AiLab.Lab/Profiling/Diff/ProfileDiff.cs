using AiLab.Lab.Profiling.Imports;
using AiLab.Lab.Profiling.Model;
using AiLab.Lab.Profiling.Running;
using AiLab.Stats.Estimators;
using AiLab.Stats.Intervals;

namespace AiLab.Lab.Profiling.Diff;

/// <summary>Compares the profiled trials of two variants, per function and per call path.</summary>
/// <remarks>
/// Each quantity is summed per trial, then compared by its medians over trials (a trial without it counts 0).
/// The interval is the percentile bootstrap of the difference of medians, each variant's trials resampled on their
/// own (<see cref="Bootstrap.MedianChange"/>; Efron &amp; Tibshirani 1993, ch. 13), so it reflects the trial-to-trial
/// spread, sampling noise included. A change is a finding only when that interval excludes zero and the change reaches
/// a floor: <see cref="ProfileOptions.MinEffectPctOfTtfb"/> of the baseline's TTFB and two sampling intervals (below
/// two intervals a difference can be one sample landing on either side); and it must exceed the larger of the two
/// variants' interquartile ranges over trials, so that one trial's outlier cannot carry it. Hundreds of paths are
/// compared at once, hence the 99% default, Bonferroni-corrected over the paths that could be findings when the
/// sampling-noise floor is on (<see cref="ChangeJudge"/>); the neutral simulations in the tests measure the rate of
/// false findings. Which of the
/// paths above noise are named, and in what order, is <see cref="FindingSelection"/>'s rule.
/// </remarks>
public static class ProfileDiff
{
    /// <summary>Findings kept in the result (and named in verdicts).</summary>
    public const int MaxFindings = 5;

    /// <summary>Diffs <paramref name="set"/>.</summary>
    /// <exception cref="InvalidOperationException">A variant has fewer than two readable profiled trials.</exception>
    /// <param name="set">The profiled trials.</param>
    /// <param name="options">The noise rule.</param>
    /// <param name="referenceTtfbMs">The baseline's median TTFB from its measured (unprofiled) trials, when there are
    /// some: every "% of TTFB" is then a share of the real TTFB, comparable with the verdict's phase changes; without
    /// it the profiled trials' median is used.</param>
    public static ProfileDiffResult Compute(ProfileSet set, ProfileOptions options, double? referenceTtfbMs = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (label, trials) in new[] { (set.BaselineLabel, set.Baseline), (set.CandidateLabel,
            set.Candidate) })
        {
            if (trials.Count < 2)
            {
                var why = set.Problems.Count > 0 ? ": " + string.Join("; ", set.Problems.Take(3)) : "";
                throw new InvalidOperationException($"variant {label} has {trials.Count} readable profiled trials; " +
                    $"the diff needs at least 2{why}");
            }
        }

        var a = set.Baseline.Select(TrialAggregate.Of).ToList();
        var b = set.Candidate.Select(TrialAggregate.Of).ToList();
        var ttfbA = referenceTtfbMs is > 0 ? referenceTtfbMs.Value : Descriptive.Median(a.Select(t =>
            t.TtfbMs).ToList());
        var interval = set.Baseline.Concat(set.Candidate).Max(p => p.IntervalMs);
        var floor = Math.Max(options.MinEffectPctOfTtfb / 100 * ttfbA, 2 * interval);
        var noise = options.SamplingNoiseFloor ? Noise(set, a, b, floor, 1 - options.Confidence) : null;
        var judge = new ChangeJudge(options, ttfbA, floor, noise);
        // The phases come from the probe's marks, not from samples: no counting noise to allow for.
        var marks = new ChangeJudge(options, ttfbA, floor);

        var functions = a.Concat(b).SelectMany(t => t.FunctionInclusive.Keys).Distinct(StringComparer.Ordinal)
            .Select(f => new FunctionDiff(f, judge.Of(f, a, b, t => t.FunctionInclusive), judge.Of("self:" + f, a, b,
                t => t.FunctionSelf)))
            .OrderByDescending(f => Math.Abs(f.Inclusive.DeltaMs)).ToList();
        var stacks = a.Concat(b).SelectMany(t => t.PathInclusive.Keys).Distinct(StringComparer.Ordinal)
            .Select(p => new StackDiff(p.Split(TrialAggregate.Separator), judge.Of(p, a, b, t => t.PathInclusive),
                judge.Of("self:" + p, a, b, t => t.PathSelf), PhaseOf(p, a, b)))
            .OrderByDescending(s => Math.Abs(s.Inclusive.DeltaMs)).ToList();

        return new ProfileDiffResult
        {
            BaselineLabel = set.BaselineLabel,
            CandidateLabel = set.CandidateLabel,
            BaselineTrials = a.Count,
            CandidateTrials = b.Count,
            BaselineTtfbMs = Descriptive.Median(a.Select(t => t.TtfbMs).ToList()),
            ReferenceTtfbMs = ttfbA,
            CandidateTtfbMs = Descriptive.Median(b.Select(t => t.TtfbMs).ToList()),
            IntervalMs = interval,
            FloorMs = floor,
            SampleMs = noise?.SampleMs,
            NoisePaths = noise?.Paths,
            NoiseZ = noise?.Z,
            NoiseFloorMs = noise?.FloorMs(floor),
            Confidence = options.Confidence,
            Functions = functions,
            Stacks = stacks,
            Findings = Findings(stacks, a, b, judge, set),
            Tree = Tree(stacks, ttfbA),
            Imports = ImportView.Compute(set, floor),
            Phases = a.Concat(b).SelectMany(t => t.Phases.Keys).Distinct(StringComparer.Ordinal)
                .ToDictionary(p => p, p => marks.Of(p, a, b, t => t.Phases), StringComparer.Ordinal),
            Problems = set.Problems,
        };
    }

    /// <summary>The sampling-noise floor (<see cref="SamplingNoise"/>): the mean weight of a sample, measured over
    /// every trial, and the paths that could be findings (a median at or above the floor in either variant).</summary>
    private static SamplingNoise Noise(ProfileSet set, List<TrialAggregate> a, List<TrialAggregate> b, double floor,
        double alpha)
    {
        var stacks = set.Baseline.Concat(set.Candidate).SelectMany(p => p.Stacks).Where(s => s.Phase is not null)
            .ToList();
        var samples = stacks.Sum(s => (double)s.Samples);
        var interval = set.Baseline.Concat(set.Candidate).Max(p => p.IntervalMs);
        var sampleMs = samples > 0 ? Math.Max(interval, stacks.Sum(s => s.Ms) / samples) : interval;
        double Median(List<TrialAggregate> trials, string key) =>
            Descriptive.Median(trials.Select(t => t.PathInclusive.GetValueOrDefault(key)).ToList());
        var paths = a.Concat(b).SelectMany(t => t.PathInclusive.Keys).Distinct(StringComparer.Ordinal)
            .Count(k => k.Contains(TrialAggregate.Separator, StringComparison.Ordinal) &&
                Math.Max(Median(a, k), Median(b, k)) >= floor);
        return SamplingNoise.For(sampleMs, paths, alpha, a.Count, b.Count);
    }

    private static string? PhaseOf(string path, List<TrialAggregate> a, List<TrialAggregate> b)
    {
        double Median(List<TrialAggregate> trials, string phase) =>
            Descriptive.Median(trials.Select(t => t.PathPhases.TryGetValue(path, out var p) ? p.GetValueOrDefault(phase)
                : 0).ToList());
        var phases = a.Concat(b).SelectMany(t => t.PathPhases.TryGetValue(path, out var p) ? p.Keys :
            Enumerable.Empty<string>()).Distinct(StringComparer.Ordinal).ToList();
        return phases.Count == 0 ? null : phases.MaxBy(phase => Math.Abs(Median(b, phase) - Median(a, phase)));
    }

    /// <summary>The findings (<see cref="FindingSelection"/>), named.</summary>
    private static List<ProfileFinding> Findings(List<StackDiff> stacks, List<TrialAggregate> a,
        List<TrialAggregate> b, ChangeJudge judge, ProfileSet set)
    {
        var frames = new Dictionary<string, ProfileFrame>(StringComparer.Ordinal);
        foreach (var t in a.Concat(b)) foreach (var (name, frame) in t.Frames) frames.TryAdd(name, frame);
        return FindingSelection.Choose(stacks, a, b, judge, MaxFindings).Select(c => Name(c, frames, set)).ToList();
    }

    private static ProfileFinding Name(FindingSelection.Choice choice, Dictionary<string, ProfileFrame> frames,
        ProfileSet set)
    {
        var stack = choice.Stack;
        var inner = stack.Path.Skip(1).Reverse().ToList();
        long? Calls(IReadOnlyList<CallCount> calls) =>
            inner.Count < 2 || calls.Count == 0 || !frames.TryGetValue(inner[0], out var callee) ||
                !frames.TryGetValue(inner[1], out var caller)
                ? null
                : calls.Where(c => c.Caller is not null && CallNames.Match(c.Function, callee) &&
                    CallNames.Match(c.Caller, caller))
                    .Select(c => (long?)c.Calls).FirstOrDefault() ?? 0;
        var (callsA, callsB) = (Calls(set.BaselineCalls), Calls(set.CandidateCalls));
        var change = stack.Inclusive;
        var counts = callsB is { } cb ? (callsA is { } ca && ca != cb ? $" ({ca:N0} → {cb:N0} calls)" :
            $" ({cb:N0} calls)") : "";
        var where = string.Join(" ← ", inner.Take(3)) + (inner.Count > 3 ? " ← …" : "");
        var summary = FormattableString.Invariant($"{change.DeltaMs:+0.#;-0.#} ms ({change.PctOfTtfb:+0.0;-0.0}% of TTFB)")
                      + $" in {where}{counts}{(stack.Phase is { } p ? $", phase {p}" : "")}";
        // A parent named for what its callees' findings leave unexplained says how much that is.
        if (choice.Residual) summary += FormattableString.Invariant(
            $" ({choice.Own.DeltaMs:+0.#;-0.#} ms of it outside the findings below it)");
        return new ProfileFinding(summary, inner, change, stack.Phase, callsA, callsB)
        {
            Unexplained = choice.Residual ? choice.Own : null,
        };
    }

    private static FlameNode Tree(List<StackDiff> stacks, double ttfb)
    {
        // Paths under 0.1% of TTFB in both variants are dropped: they cannot be seen and would bloat the HTML.
        var byPath = stacks.Where(s => Math.Max(s.Inclusive.BaselineMs, s.Inclusive.CandidateMs) >= ttfb / 1000)
            .ToDictionary(s => string.Join(TrialAggregate.Separator, s.Path), StringComparer.Ordinal);
        var children = byPath.Values.Where(s => s.Path.Count > 1)
            .ToLookup(s => string.Join(TrialAggregate.Separator, s.Path.Take(s.Path.Count - 1)),
                StringComparer.Ordinal);
        FlameNode Build(StackDiff s)
        {
            var key = string.Join(TrialAggregate.Separator, s.Path);
            return new FlameNode(s.Path[^1], s.Inclusive.BaselineMs, s.Inclusive.CandidateMs, s.Inclusive.Significant,
                children[key].OrderByDescending(c => Math.Max(c.Inclusive.BaselineMs,
                    c.Inclusive.CandidateMs)).Select(Build).ToList());
        }

        return Build(byPath[TrialAggregate.Root]);
    }
}
