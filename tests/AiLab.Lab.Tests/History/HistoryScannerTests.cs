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

    [Theory]
    [InlineData(new double[] { 366, 392, 352, 353, 340, 334, 341, 437, 422, 430, 424, 420, 434, 421, 312, 298, 299, 312,
        364, 389, 391, 385, 400, 409 })]
    [InlineData(new double[] { 324, 342, 343, 321, 331, 341, 315, 424, 432, 451, 426, 424, 407, 448, 294, 330, 326, 336,
        306, 398, 391, 358, 464, 408 })]
    public void Detect_MediansFromALoadedMachine_FindsTheFirstStepWithItsCulpritInRange(double[] medians)
    {
        // Measured by the end-to-end history on the shared machine at load ~20 (the unbuildable commit left out): the
        // first commits drift, the last drift up, and the low level lost a commit to a slow one. A detector with a
        // 5-commit minimum segment found nothing in the first, the detector with its Bonferroni factor nothing in
        // the second.
        var points = medians.Select((m, i) => new HistoryPoint($"c{i:D2}", m, 3, $"run-{i}", null)).ToList();

        var changes = HistoryScanner.Detect(points);

        Assert.NotEmpty(changes);
        Assert.Equal("c07", changes[0].Commit);
        Assert.True(changes[0].ChangePct > 10, $"{changes[0].ChangePct}");
    }

    [Fact]
    public void Detect_ThreeSlowCommitsBeforeTheStep_ReportsOnlyTheStep()
    {
        // The spurious first change that sent bisection to the wrong range: a burst of load on the first three
        // commits. With 3 trials a commit, a level needs 5 commits a side to be confirmed.
        var random = new Random(9);
        var points = Enumerable.Range(0, 24).Select(i =>
        {
            var level = i < 3 ? 300.0 : i < 12 ? 280.0 : 380.0;
            var trials = Enumerable.Range(0, 3).Select(_ => level * Math.Exp(0.01 * Samples.StandardNormal(random))).ToArray();
            return new HistoryPoint($"c{i:D2}", trials.Order().ElementAt(1), 3, $"run-{i}", null, trials);
        }).ToList();

        var changes = HistoryScanner.Detect(points);

        Assert.Equal(["c12"], changes.Select(c => c.Commit));
    }

    [Theory]
    [InlineData(2, 8)]
    [InlineData(3, 5)]
    [InlineData(5, 4)]
    [InlineData(10, 4)]
    public void MinSegmentFor_TrialsPerCommit_AsksForFifteenTrialsAndFourCommitsASide(int trials, int commits)
    {
        Assert.Equal(commits, HistoryScanner.MinSegmentFor(trials));
    }
}
