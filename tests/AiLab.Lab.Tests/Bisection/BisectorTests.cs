using AiLab.Core.Verdicts;
using AiLab.Lab.Bisection;
using AiLab.Testing.Bisection;

namespace AiLab.Lab.Tests.Bisection;

/// <summary>Bisection's search on simulated histories with known culprits, decided by the real verdict rules.</summary>
public sealed class BisectorTests
{
    [Fact]
    [Trait("Category", "Simulation")]
    public async Task Run_SingleCulpritAtEveryPosition_FindsExactlyItWithinBudget()
    {
        const int commits = 32;
        var budget = BisectBudget.PerCulprit(commits);
        var worst = 0;
        for (var position = 1; position <= commits; position++)
        {
            var history = Histories.Linear(commits, (position, "config_validation", 100));

            var (result, _) = await Histories.BisectAsync(history, seed: position);

            var culprit = Assert.Single(result.Culprits);
            Assert.Equal(SimulatedHistory.Sha(position), culprit.Commit);
            Assert.Equal("config_validation", culprit.Phase);
            Assert.Equal(Verdict.Regression, culprit.Direction);
            Assert.InRange(culprit.Main.Comparison.Diff, 95, 105);
            Assert.Empty(result.Unresolved);
            Assert.True(result.Experiments <= budget, $"position {position}: {result.Experiments} experiments > budget {budget}");
            worst = Math.Max(worst, result.Experiments);
        }

        Assert.True(worst > 2, "the search did not search");
    }

    [Fact]
    public async Task Run_TwoRegressionsInDifferentPhasesAndAnImprovement_FindsEachWithItsPhase()
    {
        var history = Histories.Linear(64, (17, "config_validation", 100), (45, "preprocessing", 80), (30, "model_build", -120));

        var (result, _) = await Histories.BisectAsync(history);

        Assert.Equal(["phase:config_validation", "phase:model_build", "phase:preprocessing"], result.Targets.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal([("c17", "config_validation", Verdict.Regression), ("c30", "model_build", Verdict.Improvement), ("c45", "preprocessing", Verdict.Regression)],
            result.Culprits.Select(c => (c.Commit, c.Phase, c.Direction)).ToArray());
        Assert.All(result.Culprits, c => Assert.NotNull(c.Info));
        Assert.True(result.Experiments <= 3 * result.BudgetPerCulprit, $"{result.Experiments} experiments > 3 × {result.BudgetPerCulprit}");
    }

    [Fact]
    public async Task Run_RegressionAndPartialFixInOnePhase_ReportsEachWithItsOwnEffect()
    {
        var history = Histories.Linear(40, (9, "config_validation", 100), (31, "config_validation", -60));

        var (result, _) = await Histories.BisectAsync(history, seed: 7);

        Assert.Equal(2, result.Culprits.Count);
        var (regression, fix) = (result.Culprits[0], result.Culprits[1]);
        Assert.Equal(("c9", Verdict.Regression), (regression.Commit, regression.Direction));
        Assert.InRange(regression.Main.Comparison.Diff, 95, 105);
        Assert.Equal(("c31", Verdict.Improvement), (fix.Commit, fix.Direction));
        Assert.InRange(fix.Main.Comparison.Diff, -65, -55);
        Assert.Empty(result.Unresolved);
    }

    [Fact]
    public async Task Run_ImprovementOnly_FindsItAndSaysFaster()
    {
        var history = Histories.Linear(20, (13, "model_build", -120));

        var (result, _) = await Histories.BisectAsync(history, seed: 3);

        Assert.Equal(Verdict.Improvement, result.RangeVerdict);
        var culprit = Assert.Single(result.Culprits);
        Assert.Equal(("c13", Verdict.Improvement), (culprit.Commit, culprit.Direction));
        Assert.InRange(culprit.Main.Comparison.Diff, -125, -115);
        Assert.Matches(@"^model_build got 1[12]\d\.\d ms faster in c13$", culprit.Summary);
    }

    [Fact]
    public async Task Run_RangeOfOneCommit_BlamesItOnTheRangeComparisonAlone()
    {
        var history = Histories.Linear(1, (1, "preprocessing", 80));

        var (result, _) = await Histories.BisectAsync(history);

        Assert.Equal("c1", Assert.Single(result.Culprits).Commit);
        Assert.Equal(1, result.Experiments);
    }

    [Fact]
    public async Task Run_TwoPhasesMovedByOneCommit_ReportsOneCulpritWithBothEffects()
    {
        var history = Histories.Linear(16, (11, "config_validation", 100), (11, "preprocessing", 40));

        var (result, _) = await Histories.BisectAsync(history, seed: 5);

        var culprit = Assert.Single(result.Culprits);
        Assert.Equal("c11", culprit.Commit);
        Assert.Equal("config_validation", culprit.Phase);
        Assert.Equal(["phase:config_validation", "phase:preprocessing"], culprit.Effects.Select(e => e.Metric).ToArray());
        // The two searches ask for the same pairs: they share every experiment.
        Assert.True(result.Experiments <= BisectBudget.PerCulprit(16), $"{result.Experiments} experiments: not shared");
    }

    [Fact]
    public async Task Run_GoodAndBadAreTheSame_ThrowsBadInput()
    {
        var history = Histories.Linear(3);
        var comparer = new SimulatedRevisionComparer(history, SimulationNoise.Default, Histories.Policy, 1);

        await Assert.ThrowsAsync<ArgumentException>(() => new Bisector(comparer).RunAsync(new BisectRequest { Good = "c0", Commits = [] }, null, default));
    }
}
