using AiLab.Core.Experiments;
using AiLab.Lab.History;

namespace AiLab.Server.Views;

/// <summary>The change points of a workflow's TTFB over its experiments, found exactly as <c>ailab history</c> finds
/// them (<see cref="HistoryScanner.Detect"/>: E-divisive on the points' medians, each change confirmed by a
/// permutation test of whole points over their trials, Holm across changes, family error rate 0.05).</summary>
public static class WorkflowChangePoints
{
    /// <summary>The confirmed change points of <paramref name="points"/> (oldest first); each point is B's median and
    /// B's measured TTFBs from <paramref name="trialsOf"/>, so the confirmation rests on trials, not medians.</summary>
    public static async Task<IReadOnlyList<ChangePointMark>> DetectAsync(
        IReadOnlyList<WorkflowPoint> points, Func<string, Task<IReadOnlyList<TrialRecord>>> trialsOf)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(trialsOf);
        // Fewer points than two minimal segments cannot hold a confirmed change: no need to read their trials.
        if (points.Count < 2 * HistoryScanner.MinSegmentFor(int.MaxValue)) return [];
        var history = new List<HistoryPoint>(points.Count);
        foreach (var p in points)
        {
            var ttfb = (await trialsOf(p.ExperimentId).ConfigureAwait(false))
                .Where(t => t.Variant == "B" && !t.IsWarmup && t.Result.Succeeded && t.Result.TtfbMs is { } v
                    && double.IsFinite(v))
                .Select(t => t.Result.TtfbMs!.Value).ToList();
            history.Add(new HistoryPoint(p.ExperimentId, p.TtfbMs, Math.Max(1, ttfb.Count), p.ExperimentId, null,
                ttfb.Count > 0 ? ttfb : null));
        }

        // HistoryPoint.Commit carries the experiment id: two experiments may share B's commit.
        var index = points.Select((p, i) => (p.ExperimentId, i)).ToDictionary(x => x.ExperimentId, x => x.i,
            StringComparer.Ordinal);
        return [.. HistoryScanner.Detect(history).Select(r =>
        {
            var i = index[r.Commit];
            return new ChangePointMark(i, points[i].ExperimentId, points[i].Commit, r.MeanBeforeMs, r.MeanAfterMs,
                r.PValue);
        })];
    }
}
