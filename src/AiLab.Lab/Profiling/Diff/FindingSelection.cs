namespace AiLab.Lab.Profiling.Diff;

/// <summary>Chooses the findings among the call paths: the most specific places the time went, ranked by the part
/// of their change that no finding below them explains.</summary>
/// <remarks>
/// <para>A path is <em>attributable</em> when its change is above noise (<see cref="DiffValue.Significant"/>), or
/// when it carries more than half of an attributable ancestor's change (same sign) and its own interval excludes
/// zero (computed even below the floor, which keeps small changes from being named, not from being located): the
/// ancestor already showed that the time changed, and this path says where it went, so the floor and the
/// interquartile-range guard (which keeps one trial's outlier from carrying a change) are not asked of it again. At
/// most one child can carry more than half, so this follows one chain down, never a fan of small callees.</para>
/// <para>An attributable path with attributable same-sign descendants is a finding only for what they leave
/// unexplained: per trial, its inclusive time minus theirs (the topmost ones, whose subtrees are disjoint), judged
/// by the same noise rule. So a parent whose change sits in one callee is not named, however the callee's change
/// compares with the parent's noisier total; and a parent whose change is spread over many small callees, each
/// below noise, is named for that spread. Findings are ordered by that own change, largest first, so a parent's
/// noise from its other children cannot push it ahead of the callee where the change is.</para>
/// </remarks>
internal static class FindingSelection
{
    /// <summary>The share of an attributable ancestor's change a path must carry to be attributable without the
    /// interquartile-range guard.</summary>
    public const double Carry = 0.5;

    /// <summary>One chosen path, with the part of its change that no finding below it explains (the path's own change
    /// when there is none).</summary>
    public sealed record Choice(StackDiff Stack, DiffValue Own, bool Residual);

    public static List<Choice> Choose(IReadOnlyList<StackDiff> stacks, List<TrialAggregate> a, List<TrialAggregate> b,
        ChangeJudge judge, int max)
    {
        var attributable = new List<StackDiff>();
        foreach (var d in stacks.Where(s => s.Path.Count > 1 && s.Path[1] != TrialAggregate.Harness)
                     .OrderBy(s => s.Path.Count))
        {
            if (d.Inclusive.Significant || attributable.Any(s => Under(d, s) && SameSign(d, s) &&
                    Math.Abs(d.Inclusive.DeltaMs) > Carry * Math.Abs(s.Inclusive.DeltaMs)) &&
                ExcludesZero(judge.Interval(Key(d.Path), a, b, t => t.PathInclusive)))
                attributable.Add(d);
        }

        var chosen = new List<Choice>();
        foreach (var s in attributable)
        {
            var below = attributable.Where(d => Under(d, s) && SameSign(d, s)).ToList();
            var frontier = below.Where(d => !below.Any(m => Under(d, m))).ToList();
            if (frontier.Count == 0)
            {
                chosen.Add(new Choice(s, s.Inclusive, false));
                continue;
            }

            var key = Key(s.Path);
            var keys = frontier.Select(d => Key(d.Path)).ToList();
            List<double> Rest(List<TrialAggregate> trials) => trials.Select(t => t.PathInclusive.GetValueOrDefault(key)
                - keys.Sum(k => t.PathInclusive.GetValueOrDefault(k))).ToList();
            var own = judge.Of("own:" + key, Rest(a), Rest(b));
            if (own.Significant && Math.Sign(own.DeltaMs) == Math.Sign(s.Inclusive.DeltaMs))
                chosen.Add(new Choice(s, own, true));
        }

        return chosen.OrderByDescending(c => Math.Abs(c.Own.DeltaMs)).ThenBy(c => c.Stack.Path.Count).Take(max)
            .ToList();
    }

    private static string Key(IReadOnlyList<string> path) => string.Join(TrialAggregate.Separator, path);

    private static bool ExcludesZero(DiffValue v) =>
        v is { LowMs: { } low, HighMs: { } high } && (v.DeltaMs > 0 ? low > 0 : high < 0);

    private static bool SameSign(StackDiff d, StackDiff s) =>
        Math.Sign(d.Inclusive.DeltaMs) == Math.Sign(s.Inclusive.DeltaMs);

    private static bool Under(StackDiff d, StackDiff s) =>
        d.Path.Count > s.Path.Count && d.Path.Take(s.Path.Count).SequenceEqual(s.Path, StringComparer.Ordinal);
}
