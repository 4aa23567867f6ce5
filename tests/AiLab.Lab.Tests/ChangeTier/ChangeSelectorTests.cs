using AiLab.Core.Experiments;
using AiLab.Core.Footprints;
using AiLab.Core.Workflows;
using AiLab.Lab.ChangeTier;
using AiLab.Lab.ChangeTier.Simulation;

namespace AiLab.Lab.Tests.ChangeTier;

public sealed class ChangeSelectorTests
{
    private sealed class Costs(Dictionary<string, double> cpu) : ITrialCostModel
    {
        public double? CpuSecondsPerTrial(string workflow) => cpu.TryGetValue(workflow, out var c) ? c : null;

        public double CpuSeconds(IEnumerable<TrialRecord> trials) => 0;

        public double? TtfbNoise(string workflow) => 0.03;
    }

    private static ChangeTest Test(string name, params string[] files) => new(
        new WorkflowSpec { Name = name, Run = "x" }, new WorkflowSpec { Name = name, Run = "x", Trials = 4,
            Warmup = 1 },
        new Footprint { Workflow = name, Revision = "", Files = ["core/util.py", .. files],
            RecordedAt = DateTimeOffset.UnixEpoch });

    private static readonly ChangeTest[] Suite =
    [
        Test("cheap", "train/cheap.py"), Test("mid", "train/mid.py", "models/attn.py"), Test("dear", "train/dear.py"),
    ];

    private static ChangeSelector Selector(RegressionHistory? history = null) => new(
        history ?? new RegressionHistory([]), new Costs(new() { ["cheap"] = 1, ["mid"] = 2, ["dear"] = 10 }),
        ChangeSelectorOptions.Default);

    [Fact]
    public void Select_DocsOnlyChange_SelectsNothingAndSaysWhyForEach()
    {
        var plan = Selector().Select(["README.md", "docs/guide.md"], Suite, budget: null);

        Assert.Empty(plan.Selected);
        Assert.All(plan.Skipped, c => Assert.Equal("not_touched", c.SkipCode));
        Assert.Equal(3, plan.Skipped.Count);
    }

    [Fact]
    public void Select_ModuleEveryWorkflowLoads_SelectsAllCheapestFirstWhenEquallyLikely()
    {
        var plan = Selector().Select(["core/util.py"], Suite, budget: null);

        Assert.Equal(["cheap", "mid", "dear"], plan.Selected.Select(c => c.Test.Production.Name));
        Assert.Equal(2 * 5 * 1.0, plan.Selected[0].CostCpuSeconds);
    }

    [Fact]
    public void Select_Budget_CutsTheListInValueOrder()
    {
        // cheap 10 CPU-s, mid 20, dear 100, equally likely to regress: a budget of 25 takes cheap, then neither fits.
        var plan = Selector().Select(["core/util.py"], Suite, budget: 25);

        Assert.Equal(["cheap"], plan.Selected.Select(c => c.Test.Production.Name));
        Assert.Equal(["mid", "dear"], plan.Skipped.Select(c => c.Test.Production.Name));
        Assert.All(plan.Skipped, c => Assert.Equal("over_budget", c.SkipCode));
        Assert.Contains("needs 20.0 CPU-s, 15.0 of 25.0 left", plan.Skipped[0].SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_HistoryOfRegressions_RanksTheLikelyVictimFirstDespiteItsCost()
    {
        var history = new RegressionHistory(Enumerable.Range(0, 6).Select(i =>
            new ChangeOutcome("mid", ["models/attn.py"], i < 5, null, DateTimeOffset.UnixEpoch)));

        var plan = Selector(history).Select(["core/util.py", "models/attn.py"], Suite, budget: 25);

        Assert.Equal("mid", plan.Selected[0].Test.Production.Name);
        Assert.True(plan.Selected[0].PRegress > 0.3);
    }

    [Fact]
    public void Select_NoFootprint_SkipsWithTheReason()
    {
        var bare = new ChangeTest(new WorkflowSpec { Name = "new", Run = "x" }, new WorkflowSpec { Name = "new",
            Run = "x" }, null);

        var plan = Selector().Select(["core/util.py"], [bare], budget: null);

        Assert.Equal("no_footprint", Assert.Single(plan.Skipped).SkipCode);
    }

    [Fact]
    public void Simulation_GeneratedHistory_FindsNinetyPercentOfEveryTestsRegressionsAtHalfTheCapacity()
    {
        var points = SelectionSimulation.Run(changes: 1000, seed: 11, [0.9, 1.0]);

        var budgeted = points[0];
        Assert.True(budgeted.FoundByAll > 100, $"only {budgeted.FoundByAll} regressions planted and found");
        Assert.True(budgeted.CapacityFraction <= 0.5, $"capacity {budgeted.CapacityFraction:P1}");
        Assert.True(budgeted.Recall >= 0.9, $"recall {budgeted.Recall:P1}");
        Assert.Equal(1.0, points[1].Recall); // a budget of every test's cost runs every touched test
    }
}
