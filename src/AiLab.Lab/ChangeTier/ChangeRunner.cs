using AiLab.Core.Experiments;
using AiLab.Core.Footprints;
using AiLab.Core.Variants;
using AiLab.Core.Verdicts;
using AiLab.Core.Wire;
using AiLab.Lab.Analysis;
using AiLab.Lab.Confirmation;
using AiLab.Lab.Experiments;
using AiLab.Lab.Footprints;

namespace AiLab.Lab.ChangeTier;

/// <summary>Runs a change's selected tests as A/B experiments of base against head (the same machinery, and the
/// same confirmation, as <c>ailab ab</c>), records what each found for the history, and the footprints.</summary>
public sealed class ChangeRunner(
    ConfirmingRunner confirming, IExperimentStore store, IFootprintStore footprints, FootprintRecorder recorder,
    ITrialCostModel costs, TimeProvider time)
{
    /// <summary>Called before each experiment starts.</summary>
    public event Action<ChangeCandidate, Experiment>? Starting;

    /// <summary>Runs <paramref name="selection"/>'s tests in order.</summary>
    public async Task<ChangeReport> RunAsync(
        string repository, string baseCommit, string headCommit, ChangeSelection selection,
            ChangeSelectorOptions options,
        VerdictPolicy policy, bool confirm, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(options);
        var runs = new List<ChangeRun>();
        foreach (var candidate in selection.Selected)
        {
            if (ct.IsCancellationRequested) return new ChangeReport(baseCommit, headCommit, selection, runs, true);
            var test = candidate.Test.Test with { Cpus = null };
            var experiment = ExperimentPlanner.Create(new ExperimentPlan
            {
                Kind = ExperimentKind.AB, Tier = Core.Capacity.CapacityTier.Change, Workflow = test,
                RepositoryPath = repository, WorkingDirectory = repository,
                Variants = [new Variant("A", baseCommit, new Dictionary<string, string>()),
                            new Variant("B", headCommit, new Dictionary<string, string>())],
                Trials = options.TrialsFor(test), Warmup = options.WarmupFor(test),
            }, time);
            await store.CreateAsync(experiment, ct).ConfigureAwait(false);
            Starting?.Invoke(candidate, experiment);
            var (outcome, confirmation) = await confirming.RunAsync(experiment, policy, confirm, null,
                ct).ConfigureAwait(false);
            // Not the run's token: after Ctrl-C what was measured is still recorded.
            await recorder.RecordAsync(outcome.Experiment, outcome.Trials, CancellationToken.None)
                .ConfigureAwait(false);
            var spent = costs.CpuSeconds(outcome.Trials)
                        + (confirmation is null ? 0 : costs.CpuSeconds(confirmation.Trials));
            var verdict = outcome.Experiment.Verdict?.Overall;
            runs.Add(new ChangeRun(candidate, outcome.Experiment.Id, confirmation?.Experiment.Id, verdict,
                WireNames.Of(outcome.Experiment.Status), spent, outcome.WorkloadFailed));
            if (outcome.Experiment.Status == ExperimentStatus.Completed && verdict is not null)
            {
                await footprints.AddOutcomeAsync(new ChangeOutcome(candidate.Test.Production.Name, candidate.TouchingPaths,
                    verdict == Verdict.Regression, outcome.Experiment.Id, time.GetUtcNow()), CancellationToken.None)
                    .ConfigureAwait(false);
            }

            if (outcome.Experiment.Status == ExperimentStatus.Interrupted)
                return new ChangeReport(baseCommit, headCommit, selection, runs, true);
        }

        return new ChangeReport(baseCommit, headCommit, selection, runs, false);
    }
}
