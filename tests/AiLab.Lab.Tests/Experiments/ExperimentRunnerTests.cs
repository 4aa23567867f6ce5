using AiLab.Core.Experiments;
using AiLab.Core.Verdicts;
using AiLab.Core.Workflows;
using AiLab.Lab.Analysis;
using AiLab.Lab.Experiments;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Experiments;

public sealed class ExperimentRunnerTests : IDisposable
{
    private const int TrialsPerVariant = 6;
    private const int Warmup = 1;
    private const int Total = (TrialsPerVariant + Warmup) * 2;

    private readonly LabHome _lab = new();

    public void Dispose() => _lab.Dispose();

    [Fact]
    public async Task RunAsync_AllTrialsSucceed_StoresEachTrialTheMomentItFinishes()
    {
        var experiment = Create(ttfbB: "1100");
        var executor = new FakeTrialExecutor(_lab.Store, experiment.Id);

        var outcome = await Runner(executor).RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);

        Assert.Equal(ExperimentStatus.Completed, outcome.Experiment.Status);
        Assert.Equal(Enumerable.Range(0, Total), executor.Calls);
        // The n-th call saw the n trials before it already in the database.
        Assert.Equal(Enumerable.Range(0, Total), executor.StoredAtCall);
        Assert.Equal(Total, _lab.Store.GetTrials(experiment.Id).Count);
        Assert.Equal(Enumerable.Range(0, Total), outcome.Trials.Select(t => t.Sequence));
    }

    [Fact]
    public async Task RunAsync_Trials_FollowTheScheduleWithEachVariantsEnvironmentAndPaths()
    {
        var experiment = Create(ttfbB: "1100") with
        {
            Workflow = new WorkflowSpec { Name = "fake", Run = "python3 train.py", Timeout = TimeSpan.FromSeconds(42), FirstBatchPattern = "^step 1 " },
        };
        var executor = new FakeTrialExecutor(_lab.Store, experiment.Id);

        var outcome = await Runner(executor).RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);

        var schedule = TrialSchedule.Build(["A", "B"], TrialsPerVariant, Warmup, experiment.Seed);
        Assert.Equal(schedule.Select(s => (s.Sequence, s.Variant, s.IsWarmup)), outcome.Trials.Select(t => (t.Sequence, t.Variant, t.IsWarmup)));
        foreach (var (request, slot) in executor.Requests.Zip(schedule))
        {
            Assert.Equal("python3 train.py", request.Command);
            Assert.Equal(TimeSpan.FromSeconds(42), request.Timeout);
            Assert.Equal(experiment.WorkingDirectory, request.WorkingDirectory);
            Assert.Equal(_lab.Paths.TrialLog(experiment.Id, slot.Sequence, slot.Variant), request.LogPath);
            Assert.Equal(_lab.Paths.TrialEvents(experiment.Id, slot.Sequence, slot.Variant), request.EventsPath);
            Assert.Equal(slot.Variant == "A" ? "1000" : "1100", request.Environment[FakeTrialExecutor.TtfbVariable]);
            Assert.Matches(request.FirstBatchPattern!, "step 1 loss 0.69");
        }
    }

    [Fact]
    public async Task RunAsync_Completed_StoresTheVerdict()
    {
        var experiment = Create(ttfbB: "1100");

        var outcome = await Runner(new FakeTrialExecutor(_lab.Store, experiment.Id)).RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);

        var stored = _lab.Store.Find(experiment.Id)!;
        Assert.Equal(ExperimentStatus.Completed, stored.Status);
        Assert.NotNull(stored.Verdict);
        Assert.Equal(Verdict.Regression, stored.Verdict.Overall);
        Assert.Equal("phase:imports", stored.Verdict.Cause);
        Assert.Equal(outcome.Experiment.Verdict!.Overall, stored.Verdict.Overall);
        var ttfb = Assert.Single(stored.Verdict.Metrics, m => m.Name == MetricCatalog.Ttfb);
        Assert.Equal(TrialsPerVariant, ttfb.A.N);
        Assert.InRange(ttfb.ChangePct, 5, 15);
        Assert.False(outcome.WorkloadFailed);
    }

    [Fact]
    public async Task RunAsync_PlainRun_CompletesWithoutAVerdict()
    {
        var experiment = Create(kind: ExperimentKind.Run);
        var executor = new FakeTrialExecutor(_lab.Store, experiment.Id);

        var outcome = await Runner(executor).RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);

        Assert.Equal(ExperimentStatus.Completed, outcome.Experiment.Status);
        Assert.Null(_lab.Store.Find(experiment.Id)!.Verdict);
        Assert.Equal(TrialsPerVariant + Warmup, executor.Calls.Count);
    }

    [Fact]
    public async Task RunAsync_StoredTrials_AreKeptAndOnlyTheRestRun()
    {
        var experiment = Create(ttfbB: "1100");
        var schedule = TrialSchedule.Build(["A", "B"], TrialsPerVariant, Warmup, experiment.Seed);
        int[] stored = [0, 3, 4, 9];
        foreach (var sequence in stored)
        {
            var slot = schedule[sequence];
            _lab.Store.AddTrial(new TrialRecord(experiment.Id, sequence, slot.Variant, slot.IsWarmup,
                Trials.Succeeded([("imports", 700 + sequence), ("first_batch", 300)])));
        }

        var executor = new FakeTrialExecutor(_lab.Store, experiment.Id);
        var outcome = await Runner(executor).RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, Total).Except(stored), executor.Calls);
        Assert.Equal(ExperimentStatus.Completed, outcome.Experiment.Status);
        Assert.Equal(Total, _lab.Store.GetTrials(experiment.Id).Count);
        Assert.Equal(1003, _lab.Store.GetTrials(experiment.Id).Single(t => t.Sequence == 3).Result.TtfbMs);
    }

    [Fact]
    public async Task RunAsync_EveryTrialStored_RunsNothingAndPreparesNothing()
    {
        var experiment = Create(ttfbB: "1100");
        await Runner(new FakeTrialExecutor(_lab.Store, experiment.Id)).RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);
        var preparer = new FakeVariantPreparer();
        var executor = new FakeTrialExecutor(_lab.Store, experiment.Id);

        var outcome = await new ExperimentRunner(_lab.Store, executor, preparer, _lab.Paths).RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);

        Assert.Empty(executor.Calls);
        Assert.Empty(preparer.Prepared);
        Assert.Equal(ExperimentStatus.Completed, outcome.Experiment.Status);
        Assert.Equal(Verdict.Regression, outcome.Experiment.Verdict!.Overall);
    }

    [Fact]
    public async Task RunAsync_CancelledDuringATrial_IsInterruptedAndASecondRunCompletesTheSchedule()
    {
        var experiment = Create(ttfbB: "1100");
        using var ctrlC = new CancellationTokenSource();
        var first = new FakeTrialExecutor(_lab.Store, experiment.Id) { InterruptAt = 5, Cancel = ctrlC };

        var interrupted = await Runner(first).RunAsync(experiment, VerdictPolicy.Default, null, ctrlC.Token);

        Assert.Equal(ExperimentStatus.Interrupted, interrupted.Experiment.Status);
        Assert.Contains("interrupted during trial 5", interrupted.Experiment.StatusReason, StringComparison.Ordinal);
        Assert.Equal(ExperimentStatus.Interrupted, _lab.Store.Find(experiment.Id)!.Status);
        Assert.Equal([0, 1, 2, 3, 4], _lab.Store.GetTrials(experiment.Id).Select(t => t.Sequence));
        Assert.Null(_lab.Store.Find(experiment.Id)!.Verdict);

        var second = new FakeTrialExecutor(_lab.Store, experiment.Id);
        var resumed = await Runner(second).RunAsync(_lab.Store.Find(experiment.Id)!, VerdictPolicy.Default, null, CancellationToken.None);

        Assert.Equal(Enumerable.Range(5, Total - 5), second.Calls);
        Assert.Equal(ExperimentStatus.Completed, resumed.Experiment.Status);
        Assert.Null(resumed.Experiment.StatusReason);
        Assert.Equal(TrialsPerVariant * 2 + Warmup * 2, _lab.Store.GetTrials(experiment.Id).Count);
        Assert.Equal(Enumerable.Range(0, Total), _lab.Store.GetTrials(experiment.Id).Select(t => t.Sequence));
        Assert.NotNull(_lab.Store.Find(experiment.Id)!.Verdict);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileBuilding_IsInterruptedWithNothingRun()
    {
        var experiment = Create(ttfbB: "1100");
        using var ctrlC = new CancellationTokenSource();
        var executor = new FakeTrialExecutor(_lab.Store, experiment.Id);
        var preparer = new FakeVariantPreparer { InterruptLabel = "B", Cancel = ctrlC };

        var outcome = await new ExperimentRunner(_lab.Store, executor, preparer, _lab.Paths).RunAsync(experiment, VerdictPolicy.Default, null, ctrlC.Token);

        Assert.Equal(ExperimentStatus.Interrupted, outcome.Experiment.Status);
        Assert.Contains("interrupted while building", outcome.Experiment.StatusReason, StringComparison.Ordinal);
        Assert.Equal(ExperimentStatus.Interrupted, _lab.Store.Find(experiment.Id)!.Status);
        Assert.Empty(executor.Calls);
    }

    [Fact]
    public async Task RunAsync_PreparerFails_IsFailedWithTheReasonAndRunsNoTrial()
    {
        var experiment = Create(ttfbB: "1100");
        var executor = new FakeTrialExecutor(_lab.Store, experiment.Id);
        var preparer = new FakeVariantPreparer { FailLabel = "B" };

        var outcome = await new ExperimentRunner(_lab.Store, executor, preparer, _lab.Paths).RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);

        Assert.Equal(ExperimentStatus.Failed, outcome.Experiment.Status);
        Assert.Contains("variant B", outcome.Experiment.StatusReason, StringComparison.Ordinal);
        Assert.Contains("the build command exited with code 2", outcome.Experiment.StatusReason, StringComparison.Ordinal);
        var stored = _lab.Store.Find(experiment.Id)!;
        Assert.Equal(ExperimentStatus.Failed, stored.Status);
        Assert.Equal(outcome.Experiment.StatusReason, stored.StatusReason);
        Assert.Empty(executor.Calls);
        Assert.True(outcome.WorkloadFailed);
    }

    [Fact]
    public async Task RunAsync_FirstThreeTrialsOfAVariantFail_StopsAsFailed()
    {
        var experiment = Create(ttfbB: "1100", failB: true);
        var executor = new FakeTrialExecutor(_lab.Store, experiment.Id);

        var outcome = await Runner(executor).RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);

        Assert.Equal(ExperimentStatus.Failed, outcome.Experiment.Status);
        Assert.Contains($"the first {ExperimentRunner.FailFastAfter} trials of B all failed", outcome.Experiment.StatusReason, StringComparison.Ordinal);
        Assert.Contains("exited with code 1", outcome.Experiment.StatusReason, StringComparison.Ordinal);
        var stored = _lab.Store.GetTrials(experiment.Id);
        Assert.Equal(ExperimentRunner.FailFastAfter, stored.Count(t => t.Variant == "B"));
        Assert.Equal(executor.Calls.Count, stored.Count);
        Assert.True(stored.Count < Total, $"{stored.Count} of {Total} trials ran");
        Assert.Equal(ExperimentStatus.Failed, _lab.Store.Find(experiment.Id)!.Status);
        Assert.True(outcome.WorkloadFailed);
    }

    [Fact]
    public async Task RunAsync_Progress_ReportsBuildsAndEveryTrialWithRunningCounts()
    {
        var experiment = Create(ttfbB: "1100");
        var progress = new ListProgress();

        await Runner(new FakeTrialExecutor(_lab.Store, experiment.Id)).RunAsync(experiment, VerdictPolicy.Default, progress, CancellationToken.None);

        Assert.Equal(
            [ExperimentProgressKind.BuildStarted, ExperimentProgressKind.BuildFinished, ExperimentProgressKind.BuildStarted, ExperimentProgressKind.BuildFinished],
            progress.Reports.Take(4).Select(r => r.Kind));
        var finished = progress.Reports.Where(r => r.Kind == ExperimentProgressKind.TrialFinished).ToList();
        Assert.Equal(Enumerable.Range(1, Total), finished.Select(r => r.Done));
        Assert.All(finished, r => Assert.Equal(Total, r.Total));
        Assert.Equal(finished.Select(r => r.Trial!.Sequence), Enumerable.Range(0, Total));
    }

    [Fact]
    public async Task RunAsync_StopAtMarks_MeasuredTrialsStopAndWarmupsRunToCompletion()
    {
        var experiment = Create() with
        {
            Workflow = new WorkflowSpec { Name = "fake", Run = "train", ExpectedPhases = ["imports", "steady"], Gpus = 1 },
        };
        var executor = new FakeTrialExecutor(_lab.Store, experiment.Id);

        var outcome = await Runner(executor).RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);

        foreach (var (request, trial) in executor.Requests.Zip(outcome.Trials))
        {
            Assert.Equal(["first_batch", "imports", "steady"], request.NeededMarks);
            // A warm-up's tail after the marks is what the experiment's stopped trials are credited as saved.
            Assert.Equal(!trial.IsWarmup, request.StopAtMarks);
            Assert.Equal(1, request.Gpus);
        }
    }

    [Fact]
    public async Task RunAsync_RunToCompletion_NoTrialIsStopped()
    {
        var experiment = Create() with
        {
            Workflow = new WorkflowSpec { Name = "fake", Run = "train", RunTo = RunTo.Completion },
        };
        var executor = new FakeTrialExecutor(_lab.Store, experiment.Id);

        await Runner(executor).RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);

        Assert.All(executor.Requests, r => Assert.False(r.StopAtMarks));
    }

    private ExperimentRunner Runner(FakeTrialExecutor executor) => new(_lab.Store, executor, new FakeVariantPreparer(), _lab.Paths);

    private Experiment Create(string ttfbB = "1000", bool failB = false, ExperimentKind kind = ExperimentKind.AB)
    {
        var envB = new Dictionary<string, string> { [FakeTrialExecutor.TtfbVariable] = ttfbB };
        if (failB) envB[FakeTrialExecutor.FailVariable] = "1";
        var experiment = Trials.AbExperiment(
            trials: TrialsPerVariant, warmup: Warmup, seed: 7, workingDirectory: _lab.Path, kind: kind,
            envA: new Dictionary<string, string> { [FakeTrialExecutor.TtfbVariable] = "1000" }, envB: envB);
        _lab.Store.Create(experiment);
        return experiment;
    }
}
