using AiLab.Core.Experiments;
using AiLab.Core.Verdicts;
using AiLab.Lab.Analysis;
using AiLab.Lab.Experiments;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Experiments;

public sealed class SequentialRunnerTests : IDisposable
{
    private static readonly SequentialPlan Plan = new()
    {
        Alpha = 0.01, Looks = [6, 12, 18, 24, 30], EquivalenceMargin = 0.03, LogSd = 0.02, Source = "test",
    };

    private readonly LabHome _lab = new();

    public void Dispose() => _lab.Dispose();

    [Fact]
    public async Task RunAsync_LargeRegression_StopsAtAnEarlyLookWithAGroupSequentialVerdict()
    {
        var experiment = Create(ttfbB: "1300");

        var outcome = await Runner(experiment).RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);

        var verdict = outcome.Experiment.Verdict!;
        Assert.Equal(Verdict.Regression, verdict.Overall);
        Assert.Equal(DecisionTest.GroupSequentialWelchLogT, verdict.Basis!.Test);
        Assert.Contains("decided at look", verdict.Basis.ThresholdSource, StringComparison.Ordinal);
        var measured = outcome.Trials.Count(t => !t.IsWarmup);
        Assert.True(measured < 2 * Plan.Looks[^1], $"ran all {measured} trials instead of stopping early");
        Assert.Contains(verdict.Basis.TrialsA, Plan.Looks);
        Assert.Equal(measured, _lab.Store.GetTrials(experiment.Id).Count(t => !t.IsWarmup));
    }

    [Fact]
    public async Task RunAsync_NoChange_StopsForNoChangeBeforeTheCap()
    {
        var experiment = Create(ttfbB: "1000");

        var outcome = await Runner(experiment).RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);

        Assert.Equal(Verdict.NoChange, outcome.Experiment.Verdict!.Overall);
        Assert.Equal(DecisionTest.GroupSequentialWelchLogT, outcome.Experiment.Verdict.Basis!.Test);
        Assert.True(outcome.Trials.Count(t => !t.IsWarmup) <= 2 * Plan.Looks[^1]);
    }

    [Fact]
    public async Task RunAsync_StoppedExperimentRunAgain_RunsNoMoreTrials()
    {
        var experiment = Create(ttfbB: "1300");
        var first = await Runner(experiment).RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);
        var executor = new FakeTrialExecutor(_lab.Store, experiment.Id);

        var again = await new ExperimentRunner(_lab.Store, executor, new FakeVariantPreparer(), _lab.Paths).RunAsync(first.Experiment, VerdictPolicy.Default, null, CancellationToken.None);

        Assert.Empty(executor.Calls);
        Assert.Equal(first.Trials.Count, again.Trials.Count);
        Assert.Equal(Verdict.Regression, again.Experiment.Verdict!.Overall);
    }

    private ExperimentRunner Runner(Experiment experiment) =>
        new(_lab.Store, new FakeTrialExecutor(_lab.Store, experiment.Id), new FakeVariantPreparer(), _lab.Paths);

    private Experiment Create(string ttfbB)
    {
        var experiment = Trials.AbExperiment(
            trials: Plan.Looks[^1], warmup: 1, seed: 9, workingDirectory: _lab.Path,
            envA: new Dictionary<string, string> { [FakeTrialExecutor.TtfbVariable] = "1000" },
            envB: new Dictionary<string, string> { [FakeTrialExecutor.TtfbVariable] = ttfbB }) with { Sequential = Plan };
        _lab.Store.Create(experiment);
        return experiment;
    }
}
