using AiLab.Lab.Bisection;
using AiLab.Testing.Bisection;

namespace AiLab.Lab.Tests.Bisection;

/// <summary>Budget, parallel steps, reuse of a release's comparison, interruption and progress.</summary>
public sealed class BisectMechanicsTests
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 4)]
    [InlineData(3, 5)]
    [InlineData(64, 9)]
    [InlineData(65, 10)]
    public void PerCulprit_Commits_IsCeilingLog2PlusThree(int commits, int expected) =>
        Assert.Equal(expected, BisectBudget.PerCulprit(commits));

    [Fact]
    public async Task Run_WithTwoJobs_FindsTheSameCulpritsAsOneJob()
    {
        var history = Histories.Linear(48, (10, "config_validation", 100), (40, "preprocessing", 80));

        var (one, _) = await Histories.BisectAsync(history, jobs: 1);
        var (two, _) = await Histories.BisectAsync(history, jobs: 2);

        Assert.Equal(one.Culprits.Select(c => c.Commit), two.Culprits.Select(c => c.Commit));
        Assert.Equal(["c10", "c40"], two.Culprits.Select(c => c.Commit).ToArray());
        Assert.Equal(one.Experiments, two.Experiments);
    }

    [Fact]
    public async Task Run_WithTheReleasesRangeComparison_ReusesItUncounted()
    {
        var history = Histories.Linear(16, (9, "preprocessing", 80));
        var comparer = new SimulatedRevisionComparer(history, SimulationNoise.Default, Histories.Policy, 3);
        var known = await comparer.CompareAsync("c0", "c16", 8, default);
        var request = new BisectRequest { Good = "c0", Commits = history.Range, Trials = 8, RangeComparison = known };

        var result = await new Bisector(comparer, history).RunAsync(request, null, default);

        Assert.Equal("c9", Assert.Single(result.Culprits).Commit);
        Assert.Equal(1, comparer.Calls.Count(c => c is ("c0", "c16", _)));
        Assert.DoesNotContain(result.Comparisons, c => c.ExperimentId == known.ExperimentId);
    }

    [Fact]
    public async Task Run_CancelledMidway_ReturnsInterruptedWithTheExperimentsSoFar()
    {
        var history = Histories.Linear(32, (20, "config_validation", 100));
        using var cancel = new CancellationTokenSource();
        var events = new List<BisectProgress>();
        var progress = new CancelAfter(events, 3, cancel);
        var comparer = new SimulatedRevisionComparer(history, SimulationNoise.Default, Histories.Policy, 1);

        var result = await new Bisector(comparer, history).RunAsync(new BisectRequest { Good = "c0", Commits = history.Range, Trials = 8 }, progress, cancel.Token);

        Assert.Equal(BisectStatus.Interrupted, result.Status);
        Assert.Empty(result.Culprits);
        Assert.InRange(result.Experiments, 1, 3);
    }

    [Fact]
    public async Task Run_Progress_NamesTheStepsTheCommitsAndTheCulprit()
    {
        var events = new List<BisectProgress>();
        var history = Histories.Linear(8, (3, "config_validation", 100));

        await Histories.BisectAsync(history, events: events);

        var lines = events.Select(e => e.Message).ToList();
        Assert.Contains(lines, l => l.StartsWith("A/B good c0 vs bad c8", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("searching phase:config_validation over 8 commits", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Kind == BisectProgressKind.Culprit && e.Message.Contains("c3 (#3)", StringComparison.Ordinal));
        Assert.Equal(events.Count(e => e.Kind == BisectProgressKind.ComparisonStarted), events.Count(e => e.Kind == BisectProgressKind.ComparisonFinished));
    }

    [Fact]
    public async Task Run_SingleMetricAsked_SearchesOnlyIt()
    {
        var history = Histories.Linear(16, (4, "config_validation", 100), (12, "preprocessing", 80));

        var (result, _) = await Histories.BisectAsync(history, metric: "phase:preprocessing");

        Assert.Equal(["phase:preprocessing"], result.Targets.ToArray());
        Assert.Equal("c12", Assert.Single(result.Culprits).Commit);
    }

    /// <summary>Cancels the token once <paramref name="count"/> comparisons have finished, like a Ctrl-C.</summary>
    private sealed class CancelAfter(List<BisectProgress> events, int count, CancellationTokenSource cancel) : IProgress<BisectProgress>
    {
        public void Report(BisectProgress value)
        {
            events.Add(value);
            if (events.Count(e => e.Kind == BisectProgressKind.ComparisonFinished) >= count) cancel.Cancel();
        }
    }
}
