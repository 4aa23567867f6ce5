using AiLab.Core.Experiments;
using AiLab.Core.Verdicts;
using AiLab.Lab.Analysis;
using AiLab.Lab.Experiments;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Experiments.Scheduling;

/// <summary>Several trials in flight at once: how many, in which balance, and that every decision and every stored
/// trial is what the same experiment gives one trial at a time.</summary>
public sealed class ConcurrentRunnerTests : IDisposable
{
    private const int TrialsPerVariant = 6;
    private const int Total = (TrialsPerVariant + 1) * 2;
    private static readonly SequentialPlan Plan = new()
    {
        Alpha = 0.01, Looks = [6, 12, 18, 24, 30], EquivalenceMargin = 0.03, LogSd = 0.02, Source = "test",
    };

    private readonly LabHome _lab = new();

    public void Dispose() => _lab.Dispose();

    [Theory]
    [InlineData(null, null, 1)] // a local machine: one at a time unless told
    [InlineData(null, 2, 2)] // a local machine told to run two
    [InlineData(2, null, 2)] // a cluster with two free slots
    [InlineData(5, 2, 2)] // the explicit cap wins over a larger capacity
    [InlineData(0, null, 1)] // a full cluster: one trial, which waits in the queue
    [InlineData(3, null, 2)] // three free slots for two variants: one block, so A and B stay balanced
    public async Task RunAsync_Capacity_KeepsThatManyTrialsInFlightInBalancedWaves(
        int? capacity, int? cap, int inFlight)
    {
        var experiment = Create("ab-cap", ttfbB: "1100");
        var (runner, executor) = Runner(experiment.Id, capacity, cap);

        var outcome = await runner.RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);

        Assert.Equal(ExperimentStatus.Completed, outcome.Experiment.Status);
        Assert.Equal(inFlight, executor.MaxInFlight);
        Assert.Equal(Enumerable.Range(0, Total), _lab.Store.GetTrials(experiment.Id).Select(t => t.Sequence));
        if (inFlight == 2) Assert.All(executor.Waves, w => Assert.Equal(["A", "B"], w.Order()));
    }

    [Fact]
    public async Task RunAsync_TwoAtOnceEndingOutOfOrder_SameTrialsAndVerdictAsOneAtATime()
    {
        var one = Create("ab-one", ttfbB: "1100");
        var two = Create("ab-two", ttfbB: "1100");
        var (sequentialRunner, _) = Runner(one.Id, capacity: null, cap: null);
        var (concurrentRunner, executor) = Runner(two.Id, capacity: 2, cap: null);

        var sequential = await sequentialRunner.RunAsync(one, VerdictPolicy.Default, null, CancellationToken.None);
        var concurrent = await concurrentRunner.RunAsync(two, VerdictPolicy.Default, null, CancellationToken.None);

        Assert.NotEqual(executor.Ended, executor.Ended.Order());
        Assert.Equal(sequential.Trials.Select(t => (t.Sequence, t.Variant, t.Result.TtfbMs)),
            concurrent.Trials.Select(t => (t.Sequence, t.Variant, t.Result.TtfbMs)));
        Assert.Equal(Verdict.Regression, concurrent.Experiment.Verdict!.Overall);
        Assert.Equal(sequential.Experiment.Verdict!.Metrics.Select(m => (m.Name, m.Verdict, m.PValue)),
            concurrent.Experiment.Verdict.Metrics.Select(m => (m.Name, m.Verdict, m.PValue)));
    }

    [Fact]
    public async Task RunAsync_TwoAtOnce_EachBlockIsStoredAndAsksToStartTogetherAndOneAtATimeNeither()
    {
        var one = Create("ab-one", ttfbB: "1100");
        var two = Create("ab-two", ttfbB: "1100");
        var (sequentialRunner, sequential) = Runner(one.Id, capacity: null, cap: null);
        var (concurrentRunner, concurrent) = Runner(two.Id, capacity: 2, cap: null);

        await sequentialRunner.RunAsync(one, VerdictPolicy.Default, null, CancellationToken.None);
        await concurrentRunner.RunAsync(two, VerdictPolicy.Default, null, CancellationToken.None);

        // Read back from the store: the block travels in the stored result, so the verdict can pair them later.
        Assert.All(_lab.Store.GetTrials(two.Id), t => Assert.Equal(t.Sequence / 2, t.Result.Block));
        Assert.All(_lab.Store.GetTrials(one.Id), t => Assert.Null(t.Result.Block));
        Assert.All(sequential.StartGroups, s => Assert.Null(s.Group));
        Assert.Equal(Total, concurrent.StartGroups.Count);
        // One group per block, of both its trials, and no two blocks share one (a Slurm release is per group).
        var groups = concurrent.StartGroups.GroupBy(s => s.Group).ToList();
        Assert.Equal(Total / 2, groups.Count);
        Assert.All(groups, g =>
        {
            Assert.Equal(2, g.Key!.Size);
            Assert.Equal(g.Select(s => s.Sequence / 2).Distinct(), [g.First().Sequence / 2]);
            Assert.Equal(2, g.Count());
        });
    }

    [Fact]
    public async Task RunAsync_SequentialDesignFourAtOnce_StopsAtTheSameLookWithTheSameTrials()
    {
        var one = Create("ab-seq-one", ttfbB: "1300", plan: Plan);
        var four = Create("ab-seq-four", ttfbB: "1300", plan: Plan);
        var (sequentialRunner, _) = Runner(one.Id, capacity: null, cap: null);
        var (concurrentRunner, executor) = Runner(four.Id, capacity: 4, cap: null);

        var sequential = await sequentialRunner.RunAsync(one, VerdictPolicy.Default, null, CancellationToken.None);
        var concurrent = await concurrentRunner.RunAsync(four, VerdictPolicy.Default, null, CancellationToken.None);

        Assert.Equal(4, executor.MaxInFlight);
        Assert.True(sequential.Trials.Count < 2 * (Plan.Looks[^1] + 1), "the design should stop early here");
        Assert.Equal(sequential.Trials.Select(t => t.Sequence), concurrent.Trials.Select(t => t.Sequence));
        Assert.Equal(sequential.Experiment.Verdict!.Overall, concurrent.Experiment.Verdict!.Overall);
        Assert.Equal(sequential.Experiment.Verdict.Basis!.TrialsA, concurrent.Experiment.Verdict.Basis!.TrialsA);
    }

    [Fact]
    public async Task RunAsync_CtrlCDuringAWave_KeepsTheFinishedTrialAndResumeRunsOnlyTheRest()
    {
        var experiment = Create("ab-ctrlc", ttfbB: "1100");
        using var ctrlC = new CancellationTokenSource();
        var (runner, _) = Runner(experiment.Id, capacity: 2, cap: null, interruptAt: 5, cancel: ctrlC);

        var interrupted = await runner.RunAsync(experiment, VerdictPolicy.Default, null, ctrlC.Token);

        // Trial 4 ran beside the interrupted trial 5 and ended: it is kept; trial 5 measured nothing.
        Assert.Equal(ExperimentStatus.Interrupted, interrupted.Experiment.Status);
        Assert.Equal("interrupted during trial 5", interrupted.Experiment.StatusReason);
        Assert.Equal([0, 1, 2, 3, 4], _lab.Store.GetTrials(experiment.Id).Select(t => t.Sequence));

        var (again, second) = Runner(experiment.Id, capacity: 2, cap: null);
        var stored = _lab.Store.Find(experiment.Id)!;
        var resumed = await again.RunAsync(stored, VerdictPolicy.Default, null, CancellationToken.None);

        Assert.Equal(Enumerable.Range(5, Total - 5), second.Inner.Calls.Order());
        Assert.Equal(ExperimentStatus.Completed, resumed.Experiment.Status);
        Assert.Equal(Enumerable.Range(0, Total), _lab.Store.GetTrials(experiment.Id).Select(t => t.Sequence));
    }

    [Fact]
    public async Task RunAsync_FirstTrialsOfAVariantFailTwoAtATime_StopsAsFailedLikeOneAtATime()
    {
        var experiment = Create("ab-fail", ttfbB: "1100", failB: true);
        var (runner, _) = Runner(experiment.Id, capacity: 2, cap: null);

        var outcome = await runner.RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);

        Assert.Equal(ExperimentStatus.Failed, outcome.Experiment.Status);
        Assert.Contains($"the first {ExperimentRunner.FailFastAfter} trials of B all failed",
            outcome.Experiment.StatusReason, StringComparison.Ordinal);
        Assert.Equal(ExperimentRunner.FailFastAfter, _lab.Store.GetTrials(experiment.Id).Count(t => t.Variant == "B"));
    }

    private (ExperimentRunner Runner, WaveTrialExecutor Executor) Runner(
        string experimentId, int? capacity, int? cap, int? interruptAt = null, CancellationTokenSource? cancel = null)
    {
        // The executor follows the runner's waves, so the runner gets a forwarder filled in once both exist.
        var forwarder = new ForwardingExecutor();
        var runner = new ExperimentRunner(_lab.Store, forwarder, new FakeVariantPreparer(), _lab.Paths)
        {
            MaxTrialsInFlight = cap,
        };
        var executor = new WaveTrialExecutor(_lab.Store, experimentId, runner)
        {
            Capacity = capacity, InterruptAt = interruptAt, Cancel = cancel,
        };
        forwarder.Target = executor;
        return (runner, executor);
    }

    private Experiment Create(string id, string ttfbB, bool failB = false, SequentialPlan? plan = null)
    {
        var envB = new Dictionary<string, string> { [FakeTrialExecutor.TtfbVariable] = ttfbB };
        if (failB) envB[FakeTrialExecutor.FailVariable] = "1";
        var experiment = Trials.AbExperiment(
            id: id, trials: TrialsPerVariant, warmup: 1, seed: 7, workingDirectory: _lab.Path,
            envA: new Dictionary<string, string> { [FakeTrialExecutor.TtfbVariable] = "1000" }, envB: envB) with
        {
            Sequential = plan,
            TrialsPerVariant = plan?.Looks[^1] ?? TrialsPerVariant,
        };
        _lab.Store.Create(experiment);
        return experiment;
    }
}
