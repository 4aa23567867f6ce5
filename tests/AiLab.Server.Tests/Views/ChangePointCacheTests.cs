using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Server.Views;

namespace AiLab.Server.Tests.Views;

/// <summary>The home chart's change points kept between requests: the same marks as detecting them afresh, detected
/// once for the same points, again when a shown experiment's trials change or the points change.</summary>
public sealed class ChangePointCacheTests
{
    // 24 experiments at 100 ms then 24 at 130 ms, 5 B trials each with a little spread: one clear change at 24.
    private static readonly IReadOnlyList<WorkflowPoint> Points = [.. Enumerable.Range(0, 48).Select(Point)];

    private readonly Dictionary<string, int> _reads = new(StringComparer.Ordinal);
    private double _shift;

    [Fact]
    public async Task Get_SamePointsTwice_DetectsOnceWithTheMarksOfAFreshDetection()
    {
        var cache = new ChangePointCache();

        var fresh = await WorkflowChangePoints.DetectAsync(Points, TrialsAsync);
        _reads.Clear();
        var first = await cache.GetAsync("resnet", null, Points, TrialsAsync);
        var second = await cache.GetAsync("resnet", null, Points, TrialsAsync);

        Assert.Equal(24, Assert.Single(fresh).Index);
        Assert.Equal(fresh, first);
        Assert.Same(first, second);
        Assert.Equal(1, cache.Detections);
        Assert.All(_reads.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task Get_OtherBranchOrChangedPoints_DetectsAgain()
    {
        var cache = new ChangePointCache();
        await cache.GetAsync("resnet", null, Points, TrialsAsync);

        await cache.GetAsync("resnet", "main", Points, TrialsAsync);
        await cache.GetAsync("resnet", null, [.. Points, Point(48)], TrialsAsync);
        await cache.GetAsync("resnet", null, [.. Points.Take(47), Points[47] with { TtfbMs = 131 }], TrialsAsync);

        Assert.Equal(4, cache.Detections);
    }

    [Fact]
    public async Task Invalidate_AShownExperiment_DetectsAgainFromItsNewTrials()
    {
        var cache = new ChangePointCache();
        var before = await cache.GetAsync("resnet", null, Points, TrialsAsync);
        // The later experiments' trials now sit with the earlier ones: no change is left to confirm.
        _shift = -30;

        cache.Invalidate("ab-99");
        var unaffected = await cache.GetAsync("resnet", null, Points, TrialsAsync);
        cache.Invalidate("ab-30");
        var after = await cache.GetAsync("resnet", null, Points, TrialsAsync);

        Assert.Same(before, unaffected);
        Assert.Single(before);
        Assert.Empty(after);
        Assert.Equal(after, await WorkflowChangePoints.DetectAsync(Points, TrialsAsync));
        Assert.Equal(2, cache.Detections);
    }

    private static WorkflowPoint Point(int i) => new(
        $"ab-{i}", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i), $"c{i}", $"c{i - 1}",
        "no_change", Level(i), [new PhaseValue("first_batch", Level(i))]);

    private static double Level(int i) => i < 24 ? 100 : 130;

    private Task<IReadOnlyList<TrialRecord>> TrialsAsync(string id)
    {
        _reads[id] = _reads.GetValueOrDefault(id) + 1;
        var i = int.Parse(id[3..], System.Globalization.CultureInfo.InvariantCulture);
        var level = Level(i) + (i >= 24 ? _shift : 0);
        IReadOnlyList<TrialRecord> trials = [.. Enumerable.Range(0, 5).Select(s => new TrialRecord(
            id, s, "B", false, Samples.Trial(FailureKind.None, 0) with { TtfbMs = level + ((s - 2) * 0.5) }))];
        return Task.FromResult(trials);
    }
}
