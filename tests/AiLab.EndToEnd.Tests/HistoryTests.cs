using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests;

/// <summary><c>ailab history</c> as a real process: every commit of a generated launcher history measured, the
/// change points found in the medians, each handed on as a range that contains its culprit.</summary>
[Collection(TimingSensitive.Name)]
public sealed class HistoryTests
{
    [Fact]
    public void History_LauncherWithPlantedSteps_FindsTheFirstChangeAndARangeThatHoldsItsCulprit()
    {
        using var sandbox = new Sandbox();
        var history = BisectTestRepository.Create(Path.Combine(sandbox.Root, "repo"), commits: 24);
        var culprit = history.Culprits["config_validation"];

        using var running = sandbox.Start(["history", "--repo", history.Repo.Path, "--from", "base", "--to", history.Chain[^1],
            "--run", BisectTestRepository.Run, "--build", BisectTestRepository.Build, "--trials", "3", "--warmup", "0", "--cpus", "0", "--json"]);
        var doc = running.WaitForExit(TimeSpan.FromMinutes(4)).AssertExit(0).Json();

        var points = doc.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(history.Chain.Count, points.Count);
        Assert.Equal(history.Chain, points.Select(p => p.Str("commit")));
        // The unbuildable commit is a point without a value, with its reason, not a number.
        Assert.True(points[history.Broken].TryGetProperty("failure", out _), "the broken commit should be reported as failed");
        var changes = doc.GetProperty("changes").EnumerateArray().ToList();
        Assert.True(changes.Count > 0, string.Join(", ", points.Select(p => p.TryGetProperty("median_ttfb_ms", out var m) && m.ValueKind == System.Text.Json.JsonValueKind.Number ? m.GetDouble().ToString("0", System.Globalization.CultureInfo.InvariantCulture) : "-")));
        var first = changes[0];
        var good = history.Chain.ToList().IndexOf(first.GetProperty("bisect").Str("good"));
        var bad = history.Chain.ToList().IndexOf(first.GetProperty("bisect").Str("bad"));
        Assert.InRange(culprit, good + 1, bad);
        Assert.True(first.GetProperty("change_pct").GetDouble() > 10, "config validation's +100 ms is a rise of the level");
    }
}
