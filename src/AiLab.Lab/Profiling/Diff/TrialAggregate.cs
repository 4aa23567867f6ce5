using AiLab.Lab.Profiling.Model;

namespace AiLab.Lab.Profiling.Diff;

/// <summary>One trial's samples summed per call path and per function, with the whole TTFB accounted for: the
/// root <c>(ttfb)</c> holds the unsampled start-up (<c>(interpreter start)</c>) and the time between the last sample
/// and <c>first_batch</c> (<c>(between samples)</c>), so every trial's root equals its TTFB.</summary>
internal sealed class TrialAggregate
{
    public const char Separator = '\n';
    public const string Root = "(ttfb)";

    /// <summary>Where the samples taken inside the lab's own probe go (its <c>mark()</c> writing a line): the time
    /// stays in TTFB, as it does in the measured trials, but in a node of its own under the root, so no workload
    /// frame carries the harness's cost, and <see cref="FindingSelection"/> never names it as the change's place.
    /// </summary>
    public const string Harness = "(ailab probe)";

    public Dictionary<string, double> PathInclusive { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, double> PathSelf { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Dictionary<string, double>> PathPhases { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, double> FunctionInclusive { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, double> FunctionSelf { get; } = new(StringComparer.Ordinal);

    /// <summary>Display name to frame, for call-count matching.</summary>
    public Dictionary<string, ProfileFrame> Frames { get; } = new(StringComparer.Ordinal);

    public double TtfbMs { get; private init; }

    public Dictionary<string, double> Phases { get; } = new(StringComparer.Ordinal);

    public static TrialAggregate Of(TrialProfile profile)
    {
        var aggregate = new TrialAggregate { TtfbMs = profile.TtfbMs };
        foreach (var (phase, ms) in profile.Phases) aggregate.Phases[phase] = ms;
        var names = profile.Frames.Select(f => f.Display).ToList();
        foreach (var (frame, name) in profile.Frames.Zip(names)) aggregate.Frames.TryAdd(name, frame);
        var sampled = 0.0;
        foreach (var stack in profile.Stacks.Where(s => s.Phase is not null))
        {
            sampled += stack.Ms;
            var frames = stack.Frames.Select(i => names[i]).ToList();
            aggregate.Add(frames.Any(IsHarness) ? [Root, Harness] : [Root, .. frames], stack.Ms, stack.Phase);
        }

        aggregate.Add([Root, "(interpreter start)"], profile.UnprofiledMs, "(start)");
        var rest = profile.TtfbMs - profile.UnprofiledMs - sampled;
        if (rest > 0) aggregate.Add([Root, "(between samples)"], rest, null);
        return aggregate;
    }

    /// <summary>A frame of the probe the lab puts into the workload (Python <c>ailab_probe</c>, .NET
    /// <c>AiLab.Probe</c>).</summary>
    public static bool IsHarness(string frame) =>
        frame.StartsWith("ailab_probe.", StringComparison.Ordinal) ||
        frame.StartsWith("AiLab.Probe.", StringComparison.Ordinal);

    private void Add(IReadOnlyList<string> path, double ms, string? phase)
    {
        var key = "";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var depth = 0; depth < path.Count; depth++)
        {
            key = depth == 0 ? path[0] : key + Separator + path[depth];
            PathInclusive[key] = PathInclusive.GetValueOrDefault(key) + ms;
            if (phase is not null)
            {
                var phases = PathPhases.TryGetValue(key, out var p) ? p : PathPhases[key] = new(StringComparer.Ordinal);
                phases[phase] = phases.GetValueOrDefault(phase) + ms;
            }

            if (depth > 0 && seen.Add(path[depth])) FunctionInclusive[path[depth]] =
                FunctionInclusive.GetValueOrDefault(path[depth]) + ms;
        }

        PathSelf[key] = PathSelf.GetValueOrDefault(key) + ms;
        if (path.Count > 1) FunctionSelf[path[^1]] = FunctionSelf.GetValueOrDefault(path[^1]) + ms;
    }
}
