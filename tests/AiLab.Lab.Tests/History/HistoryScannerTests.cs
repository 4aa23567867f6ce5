using AiLab.Lab.History;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.History;

public sealed class HistoryScannerTests
{
    [Fact]
    public void Detect_StepsInPerCommitMedians_FindsEachWithARangeAroundIt()
    {
        // Per-commit medians of a launcher: +100 ms at commit 7, -120 ms at 15, +80 ms at 20, 2% noise.
        var random = new Random(7);
        var levels = Enumerable.Range(0, 25).Select(i => i < 7 ? 200.0 : i < 15 ? 300.0 : i < 20 ? 180.0 : 260.0).ToList();
        var points = levels.Select((level, i) => new HistoryPoint($"c{i:D2}", level * Math.Exp(0.02 * Samples.StandardNormal(random)), 3, $"run-{i}", null)).ToList();

        var changes = HistoryScanner.Detect(points);

        Assert.Equal(["c07", "c15", "c20"], changes.Select(c => c.Commit));
        var first = changes[0];
        Assert.True(string.CompareOrdinal(first.Good, "c07") < 0 && string.CompareOrdinal(first.Bad, "c07") >= 0, $"{first.Good}..{first.Bad}");
        Assert.InRange(first.ChangePct, 40, 60);
    }

    [Fact]
    public void Detect_FlatHistoryWithAFailedCommit_FindsNothingAndSkipsTheFailure()
    {
        var random = new Random(8);
        var points = Enumerable.Range(0, 20).Select(i => i == 9
            ? new HistoryPoint($"c{i:D2}", double.NaN, 0, $"run-{i}", "build failed")
            : new HistoryPoint($"c{i:D2}", 250 * Math.Exp(0.02 * Samples.StandardNormal(random)), 3, $"run-{i}", null)).ToList();

        Assert.Empty(HistoryScanner.Detect(points));
    }

    [Fact]
    public void Detect_RealLauncherMedians_FindsTheSteps()
    {
        // Medians measured by ailab history on the generated launcher (the unbuildable commit left out).
        double[] medians = [278, 279, 280, 277, 279, 284, 287, 383, 375, 377, 380, 379, 379, 377, 259, 270, 257, 256, 264, 345, 340, 342, 343, 342];
        var points = medians.Select((m, i) => new HistoryPoint($"c{i:D2}", m, 3, $"run-{i}", null)).ToList();

        var changes = HistoryScanner.Detect(points);

        Assert.Equal(["c07", "c14", "c19"], changes.Select(c => c.Commit));
    }
}
