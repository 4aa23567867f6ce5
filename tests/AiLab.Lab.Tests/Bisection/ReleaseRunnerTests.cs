using AiLab.Core.Verdicts;
using AiLab.Core.Workflows;
using AiLab.Lab.Bisection;
using AiLab.Testing.Bisection;
using AiLab.Lab.Release;

namespace AiLab.Lab.Tests.Bisection;

/// <summary>The release tier over simulated workflows: verdicts and phases per workflow, bisection on
/// request.</summary>
public sealed class ReleaseRunnerTests
{
    private static readonly WorkflowSpec Train = new() { Name = "train", Run = "train" };
    private static readonly WorkflowSpec Serve = new() { Name = "serve", Run = "serve" };

    [Fact]
    public async Task Run_RegressionsAndAnImprovement_NamesEachPhaseAndLeavesTheQuietWorkflowAlone()
    {
        var (request, runner, _) = Setup(bisect: false);

        var result = await runner.RunAsync(request, null, default);

        Assert.Equal(["train", "serve"], result.Workflows.Select(w => w.Workflow.Name).ToArray());
        var train = result.Workflows[0];
        Assert.Equal(Verdict.Regression, train.Verdict);
        Assert.Equal(["phase:model_build", "phase:config_validation", "phase:preprocessing"], train.PhasesMoved.Select(p => p.Name).ToArray());
        Assert.Equal([Verdict.Improvement, Verdict.Regression, Verdict.Regression], train.PhasesMoved.Select(p => p.Verdict).ToArray());
        Assert.Null(train.Bisection);
        Assert.Equal(Verdict.NoChange, result.Workflows[1].Verdict);
        Assert.Empty(result.Workflows[1].PhasesMoved);
        Assert.Equal(2, result.Experiments);
    }

    [Fact]
    public async Task Run_WithBisect_FindsEveryCulpritReusingTheReleaseComparison()
    {
        var (request, runner, comparers) = Setup(bisect: true);

        var result = await runner.RunAsync(request, null, default);

        var culprits = result.Workflows[0].Bisection!.Culprits;
        Assert.Equal([("c12", "config_validation"), ("c30", "model_build"), ("c50", "preprocessing")], culprits.Select(c => (c.Commit, c.Phase)).ToArray());
        Assert.Null(result.Workflows[1].Bisection);
        Assert.Equal(1, comparers["train"].Calls.Count(c => c is ("c0", "c64", _)));
        Assert.Equal(comparers["train"].Calls.Count + comparers["serve"].Calls.Count, result.Experiments);
    }

    [Fact]
    public async Task Run_CandidateCannotBuild_ReportsTheWorkflowAsFailed()
    {
        var history = Histories.Linear(8).With(c => c with { Broken = true }, 8);
        var comparer = new SimulatedRevisionComparer(history, SimulationNoise.Default, Histories.Policy, 1);
        var runner = new ReleaseRunner(_ => comparer, history);

        var result = await runner.RunAsync(new ReleaseRequest { From = "c0", To = "c8", Commits = history.Range, Workflows = [Train] }, null, default);

        var train = Assert.Single(result.Workflows);
        Assert.Equal(Verdict.Inconclusive, train.Verdict);
        Assert.StartsWith("the release candidate could not be built or run", train.Failure, StringComparison.Ordinal);
    }

    private static (ReleaseRequest, ReleaseRunner, Dictionary<string, SimulatedRevisionComparer>) Setup(bool bisect)
    {
        var train = Histories.Linear(64, (12, "config_validation", 100), (50, "preprocessing", 80), (30, "model_build", -120));
        var serve = Histories.Linear(64);
        var comparers = new Dictionary<string, SimulatedRevisionComparer>
        {
            ["train"] = new(train, SimulationNoise.Default, Histories.Policy, 1),
            ["serve"] = new(serve, SimulationNoise.Default, Histories.Policy, 2),
        };
        var request = new ReleaseRequest { From = "c0", To = "c64", Commits = train.Range, Workflows = [Train, Serve], Trials = 8, Bisect = bisect };
        return (request, new ReleaseRunner(w => comparers[w.Name], train), comparers);
    }
}
