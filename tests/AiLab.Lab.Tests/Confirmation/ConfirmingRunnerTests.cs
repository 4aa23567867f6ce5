using AiLab.Core.Experiments;
using AiLab.Core.Variants;
using AiLab.Core.Verdicts;
using AiLab.Lab.Analysis;
using AiLab.Lab.Confirmation;
using AiLab.Lab.Experiments;
using AiLab.Lab.Tests.Experiments;
using AiLab.Lab.Tests.Support;
using AiLab.Lab.Variants;

namespace AiLab.Lab.Tests.Confirmation;

public sealed class ConfirmingRunnerTests : IDisposable
{
    private readonly LabHome _lab = new();

    public void Dispose() => _lab.Dispose();

    [Fact]
    public async Task RunAsync_RegressionReproduced_StoresAFreshConfirmingExperimentAndKeepsTheVerdict()
    {
        var experiment = Create();
        var (runner, preparer) = Runner(confirmingTtfbB: "1100");

        var (outcome, confirmation) = await runner.RunAsync(experiment, VerdictPolicy.Default, confirm: true, null, CancellationToken.None);

        Assert.NotNull(confirmation);
        var second = confirmation.Experiment;
        Assert.Equal(experiment.Id, second.ConfirmationOf);
        Assert.NotEqual(experiment.Id, second.Id);
        Assert.NotEqual(experiment.Seed, second.Seed);
        Assert.Equal(ExperimentStatus.Completed, second.Status);
        Assert.Equal(2 * (experiment.TrialsPerVariant + experiment.WarmupPerVariant), _lab.Store.GetTrials(second.Id).Count);
        // Both variants were prepared again for the confirmation.
        Assert.Equal(["A", "B", "A", "B"], preparer.Prepared);

        var verdict = outcome.Experiment.Verdict!;
        Assert.Equal(Verdict.Regression, verdict.Overall);
        Assert.True(verdict.Confirmation!.Confirmed, verdict.Confirmation.Reason);
        Assert.Equal(second.Id, verdict.Confirmation.ExperimentId);
        // What the caller got is what is stored.
        Assert.True(_lab.Store.Find(experiment.Id)!.Verdict!.Confirmation!.Confirmed);
    }

    [Fact]
    public async Task RunAsync_RegressionNotReproduced_IsStoredAsInconclusive()
    {
        var experiment = Create();
        var (runner, _) = Runner(confirmingTtfbB: "1000");

        var (outcome, _) = await runner.RunAsync(experiment, VerdictPolicy.Default, confirm: true, null, CancellationToken.None);

        Assert.Equal(Verdict.Inconclusive, outcome.Experiment.Verdict!.Overall);
        Assert.Equal(Verdict.Regression, outcome.Experiment.Verdict.Confirmation!.Original);
        Assert.NotEqual(Verdict.Regression, outcome.Experiment.Verdict.Confirmation.Confirming);
        Assert.Equal(Verdict.Inconclusive, _lab.Store.Find(experiment.Id)!.Verdict!.Overall);
    }

    [Fact]
    public async Task RunAsync_NoChange_RunsNoConfirmation()
    {
        var experiment = Create(ttfbB: "1000");
        var (runner, _) = Runner(confirmingTtfbB: "1100");

        var (outcome, confirmation) = await runner.RunAsync(experiment, VerdictPolicy.Default, confirm: true, null, CancellationToken.None);

        Assert.Null(confirmation);
        Assert.Null(outcome.Experiment.Verdict!.Confirmation);
        Assert.Single(_lab.Store.List(10));
    }

    [Fact]
    public async Task RunAsync_ConfirmOff_ReportsTheUnconfirmedVerdict()
    {
        var experiment = Create();
        var (runner, _) = Runner(confirmingTtfbB: "1000");

        var (outcome, confirmation) = await runner.RunAsync(experiment, VerdictPolicy.Default, confirm: false, null, CancellationToken.None);

        Assert.Null(confirmation);
        Assert.Equal(Verdict.Regression, outcome.Experiment.Verdict!.Overall);
    }

    [Fact]
    public async Task RunAsync_ResumingAConfirmedExperiment_RejudgesWithoutRunningAgain()
    {
        var experiment = Create();
        var (runner, _) = Runner(confirmingTtfbB: "1100");
        var (first, _) = await runner.RunAsync(experiment, VerdictPolicy.Default, confirm: true, null, CancellationToken.None);

        var (again, confirmation) = await runner.RunAsync(first.Experiment, VerdictPolicy.Default, confirm: true, null, CancellationToken.None);

        Assert.Null(confirmation);
        Assert.Equal(2, _lab.Store.List(10).Count);
        Assert.True(again.Experiment.Verdict!.Confirmation!.Confirmed);
        Assert.Equal(first.Experiment.Verdict!.Confirmation!.ExperimentId, again.Experiment.Verdict.Confirmation.ExperimentId);
    }

    [Fact]
    public void CreateConfirmation_FromRepository_AsksForFreshBuildsOfTheSameCommits()
    {
        var original = Create() with { RepositoryPath = "/repo", Commits = new Dictionary<string, string> { ["A"] = "a1", ["B"] = "b2" } };

        var confirming = ConfirmingRunner.CreateConfirmation(original, TimeProvider.System);

        Assert.True(confirming.FreshBuilds);
        Assert.Equal(original.Commits, confirming.Commits);
        Assert.Equal(original.Variants, confirming.Variants);
        Assert.Equal(original.TrialsPerVariant, confirming.TrialsPerVariant);
        Assert.Null(confirming.Verdict);
    }

    private (ConfirmingRunner, ConfirmationAwarePreparer) Runner(string confirmingTtfbB)
    {
        var preparer = new ConfirmationAwarePreparer(confirmingTtfbB);
        var executor = new FakeTrialExecutor(_lab.Store, "unused");
        return (new ConfirmingRunner(new ExperimentRunner(_lab.Store, executor, preparer, _lab.Paths), _lab.Store, TimeProvider.System), preparer);
    }

    private Experiment Create(string ttfbB = "1100")
    {
        var experiment = Trials.AbExperiment(
            trials: 6, warmup: 1, seed: 7, workingDirectory: _lab.Path,
            envA: new Dictionary<string, string> { [FakeTrialExecutor.TtfbVariable] = "1000" },
            envB: new Dictionary<string, string> { [FakeTrialExecutor.TtfbVariable] = ttfbB });
        _lab.Store.Create(experiment);
        return experiment;
    }

    /// <summary>Runs B with another TTFB in a confirming experiment, to model a change that does or does not reproduce.</summary>
    private sealed class ConfirmationAwarePreparer(string confirmingTtfbB) : IVariantPreparer
    {
        private readonly FakeVariantPreparer _inner = new();

        public List<string> Prepared => _inner.Prepared;

        public PreparedVariant Prepare(Experiment experiment, Variant variant, CancellationToken cancellationToken)
        {
            var ready = _inner.Prepare(experiment, variant, cancellationToken);
            if (experiment.ConfirmationOf is null || variant.Label != "B") return ready;
            var env = new Dictionary<string, string?>(ready.Environment, StringComparer.Ordinal) { [FakeTrialExecutor.TtfbVariable] = confirmingTtfbB };
            return ready with { Environment = env };
        }
    }
}
