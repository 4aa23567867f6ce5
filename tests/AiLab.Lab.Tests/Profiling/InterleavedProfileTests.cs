using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Core.Verdicts;
using AiLab.Lab.Analysis;
using AiLab.Lab.Experiments;
using AiLab.Lab.Probes;
using AiLab.Lab.Profiling;
using AiLab.Lab.Profiling.Running;
using AiLab.Lab.Tests.Experiments;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Profiling;

/// <summary>Profiled trials between the measured ones: spread evenly, never stored, the verdict unchanged.</summary>
public sealed class InterleavedProfileTests : IDisposable
{
    private readonly LabHome _lab = new();

    public void Dispose() => _lab.Dispose();

    /// <summary>Tags each trial it runs into one log shared by the measured and the profiled executor.</summary>
    private sealed class Logging(ITrialExecutor inner, List<string> log) : ITrialExecutor
    {
        public Task<TrialResult> RunAsync(TrialRequest request, CancellationToken cancellationToken)
        {
            var name = Path.GetFileName(request.LogPath);
            log.Add(request.Environment.TryGetValue("AILAB_PROFILE_MODE", out var mode)
                ? $"{(mode == "calls" ? "c" : "p")}{name[4]}"
                : int.Parse(name[..4], CultureInfo.InvariantCulture) < 2 ? "w" : "m"); // one warm-up a variant first
            return inner.RunAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task RunAsync_InterleavedProfile_SpreadOverTheMeasuredTrialsNeverStoredVerdictUnchanged()
    {
        var log = new List<string>();
        var experiment = Create("ab-test-0001");
        var runner = new ExperimentRunner(_lab.Store, new Logging(new FakeTrialExecutor(_lab.Store, experiment.Id),
            log), new FakeVariantPreparer(), _lab.Paths);
        var session = Session(log);
        var profile = session.Begin(experiment, ProfileOptions.Default with { TrialsPerVariant = 3 }, null);

        ExperimentOutcome outcome;
        using (runner.Interleave(experiment.Id, profile))
            outcome = await runner.RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);
        var report = await session.CompleteAsync(outcome.Experiment, profile, ProfileOptions.Default, outcome.Trials,
            CancellationToken.None);

        // 12 measured trials, 6 sampled ones: one after every second measured trial, A and B in turn; the call
        // counts after the experiment.
        Assert.Equal("w w m m pA m m pB m m pA m m pB m m pA m m pB cA cB", string.Join(" ", log));
        Assert.Equal(6, report.InterleavedTrials);
        Assert.Equal(3, report.Set.Baseline.Count);
        Assert.Equal(14, _lab.Store.GetTrials(experiment.Id).Count);

        // The same experiment without a profile: the same verdict, metric by metric.
        var plain = Create("ab-test-0002");
        var alone = await new ExperimentRunner(_lab.Store, new FakeTrialExecutor(_lab.Store, plain.Id),
            new FakeVariantPreparer(), _lab.Paths).RunAsync(plain, VerdictPolicy.Default, null, CancellationToken.None);
        Assert.Equal(alone.Experiment.Verdict!.Overall, outcome.Experiment.Verdict!.Overall);
        Assert.Equal(alone.Experiment.Verdict.Metrics.Select(m => (m.Name, m.Verdict, m.A.Median, m.B.Median)),
            outcome.Experiment.Verdict.Metrics.Select(m => (m.Name, m.Verdict, m.A.Median, m.B.Median)));
    }

    [Fact]
    public async Task RunAsync_ProfileOfAnotherExperiment_RunsNothingBetweenThisOnesTrials()
    {
        var log = new List<string>();
        var experiment = Create("ab-test-0001");
        var runner = new ExperimentRunner(_lab.Store, new Logging(new FakeTrialExecutor(_lab.Store, experiment.Id),
            log), new FakeVariantPreparer(), _lab.Paths);
        var profile = Session(log).Begin(experiment, ProfileOptions.Default with { TrialsPerVariant = 3 }, null);

        using (runner.Interleave("ab-confirmation-0001", profile))
            await runner.RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);

        Assert.DoesNotContain(log, l => l.StartsWith('p'));
        Assert.Equal(0, profile.Trials.SampledRun);
    }

    [Fact]
    public async Task AfterMeasuredTrialAsync_VariantCannotBePrepared_ExperimentCompletesAndTheProfileSaysWhy()
    {
        var experiment = Create("ab-test-0001");
        var runner = new ExperimentRunner(_lab.Store, new FakeTrialExecutor(_lab.Store, experiment.Id),
            new FakeVariantPreparer(), _lab.Paths);
        var session = new ProfileSession(new ProfileRunner(new ProfilingExecutor(), new FakeVariantPreparer
            { FailLabel = "B" }, new ProbeEnvironment("/opt/probe")), _lab.Paths);
        var profile = session.Begin(experiment, ProfileOptions.Default with { TrialsPerVariant = 3 }, null);

        ExperimentOutcome outcome;
        using (runner.Interleave(experiment.Id, profile))
            outcome = await runner.RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);

        Assert.Equal(ExperimentStatus.Completed, outcome.Experiment.Status);
        Assert.Contains("variant B could not be prepared", profile.Error, StringComparison.Ordinal);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => session.CompleteAsync(outcome.Experiment,
            profile, ProfileOptions.Default, outcome.Trials, CancellationToken.None));
        Assert.Contains("the profiled trials stopped", e.Message, StringComparison.Ordinal);
    }

    private ProfileSession Session(List<string> log) => new(new ProfileRunner(new Logging(new ProfilingExecutor(),
        log), new FakeVariantPreparer(), new ProbeEnvironment("/opt/probe")), _lab.Paths);

    private Experiment Create(string id)
    {
        var experiment = Trials.AbExperiment(id: id, trials: 6, warmup: 1, seed: 7, workingDirectory: _lab.Path,
            envA: new Dictionary<string, string> { [FakeTrialExecutor.TtfbVariable] = "1000" },
            envB: new Dictionary<string, string> { [FakeTrialExecutor.TtfbVariable] = "1100" });
        _lab.Store.Create(experiment);
        return experiment;
    }
}
