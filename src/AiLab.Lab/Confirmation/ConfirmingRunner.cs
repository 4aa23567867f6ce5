using AiLab.Core.Experiments;
using AiLab.Lab.Analysis;
using AiLab.Lab.Experiments;

namespace AiLab.Lab.Confirmation;

/// <summary>Runs an A/B experiment and, when it finds a regression or improvement, a confirmation run: a new stored
/// experiment of the same variants with a new seed (a new trial order) in fresh worktrees with fresh builds. The
/// original experiment's verdict then carries both pieces of evidence and is only a regression or improvement when
/// the confirmation reproduced it.</summary>
public sealed class ConfirmingRunner(ExperimentRunner runner, IExperimentStore store, TimeProvider time)
{
    /// <summary>Called when the confirmation run starts, with the original and the confirming experiment.</summary>
    public event Action<Experiment, Experiment>? ConfirmationStarted;

    /// <summary>Runs (or resumes) <paramref name="experiment"/> and confirms its change when <paramref
    /// name="confirm"/>.</summary>
    /// <returns>The original experiment's outcome, its verdict settled, and the confirming outcome when one
    /// ran.</returns>
    public async Task<(ExperimentOutcome Outcome, ExperimentOutcome? Confirmation)> RunAsync(
        Experiment experiment, VerdictPolicy policy, bool confirm, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var prior = experiment.Verdict?.Confirmation;
        var outcome = await runner.RunAsync(experiment, policy, progress, cancellationToken).ConfigureAwait(false);
        var original = outcome.Experiment;
        if (prior is not null && original.Verdict is { } recomputed && ConfirmationJudge.Needs(recomputed) &&
            await store.FindAsync(prior.ExperimentId, CancellationToken.None).ConfigureAwait(false)
                is { Status: ExperimentStatus.Completed, Verdict: { } stored })
        {
            // Resuming a completed experiment recomputes its verdict; its confirmation already ran and is judged again,
            // not rerun.
            var rejudged = original with { Verdict = ConfirmationJudge.Judge(recomputed, prior.ExperimentId, stored, null) };
            await store.UpdateAsync(rejudged, CancellationToken.None).ConfigureAwait(false);
            return (outcome with { Experiment = rejudged }, null);
        }

        if (!confirm || original.Kind != ExperimentKind.AB || original.Status != ExperimentStatus.Completed ||
            original.Verdict is not { } verdict || !ConfirmationJudge.Needs(verdict))
        {
            return (outcome, null);
        }

        var confirming = CreateConfirmation(original, time);
        await store.CreateAsync(confirming, CancellationToken.None).ConfigureAwait(false);
        ConfirmationStarted?.Invoke(original, confirming);
        var second = await runner.RunAsync(confirming, policy, progress, cancellationToken).ConfigureAwait(false);
        if (second.Experiment.Status == ExperimentStatus.Interrupted)
        {
            // The original's unconfirmed verdict stays as computed; --resume of the original confirms again.
            var interrupted = original with
            {
                Status = ExperimentStatus.Interrupted,
                StatusReason = $"interrupted during the confirmation run {confirming.Id}",
                Verdict = null,
            };
            return (outcome with { Experiment = interrupted }, second);
        }

        var failure = second.Experiment.Status == ExperimentStatus.Failed ? second.Experiment.StatusReason : null;
        var settled = ConfirmationJudge.Judge(verdict, confirming.Id, failure is null ? second.Experiment.Verdict : null, failure);
        var updated = original with { Verdict = settled };
        await store.UpdateAsync(updated, CancellationToken.None).ConfigureAwait(false);
        return (outcome with { Experiment = updated }, second);
    }

    /// <summary>The confirmation of <paramref name="original"/>: same workflow, variants and commits, as many trials,
    /// a new id and seed, fresh builds.</summary>
    public static Experiment CreateConfirmation(Experiment original, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        return original with
        {
            Id = ExperimentPlanner.NewId("ab", now),
            CreatedAt = now,
            Seed = Random.Shared.Next(),
            ConfirmationOf = original.Id,
            FreshBuilds = original.RepositoryPath is not null,
            // An extended default experiment is confirmed with the same design from its first look.
            TrialsPerVariant = original.Extension?.Looks[0] ?? original.TrialsPerVariant,
            Extension = original.Extension is { } extension ? extension with { Extensions = [] } : null,
            Status = ExperimentStatus.Running,
            StatusReason = null,
            Verdict = null,
        };
    }
}
