using AiLab.Application;
using AiLab.Cli.Rendering;
using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Core.Verdicts;
using AiLab.Lab.Analysis;
using AiLab.Lab.Experiments;
using AiLab.Lab.Footprints;
using AiLab.Lab.Profiling.Running;

namespace AiLab.Cli.Commands;

/// <summary>Runs a stored experiment with live progress, prints its report, and maps the outcome to an exit code.
/// Shared by <c>ab</c>, <c>run</c> and <c>demo</c>.</summary>
internal static class ExperimentExecution
{
    public static async Task<int> RunAndReportAsync(
        LabSession lab, Experiment experiment, VerdictPolicy policy, bool json, bool quiet,
        IReadOnlyCollection<Verdict> failOn, bool confirm = false, ProfileOptions? profile = null)
    {
        // Held across the confirmation too: the original's verdict is written after its confirmation run.
        await using var lease = await lab.Leases.AcquireAsync(experiment.Id).ConfigureAwait(false);
        using var interruption = new Interruption();
        var progress = quiet ? null : new ProgressDisplay(Console.Error);
        progress?.Seed(await lab.Store.GetTrialsAsync(experiment.Id).ConfigureAwait(false));
        if (!quiet)
        {
            Console.Error.WriteLine(
                $"ailab: experiment {experiment.Id} (database {lab.DatabasePath}, logs {lab.Paths.TrialsOf(experiment.Id)})");
            lab.Confirming.ConfirmationStarted += (original, confirming) => Console.Error.WriteLine(
                $"ailab: {original.Id} says {original.Verdict?.Overall.ToWire()}; "
                + $"confirming with fresh trials in fresh worktrees: experiment {confirming.Id}");
            lab.Runner.Extended += (extended, reason) => Console.Error.WriteLine($"ailab: {extended.Id}: {reason}");
        }

        // Profiled trials run between the measured ones (of this experiment, not its confirmation), never as them:
        // the verdict is computed from unprofiled trials only.
        var (interleaved, profileError) = profile is null ? (null, null) :
            ProfileRendering.Begin(lab, experiment, profile, quiet);
        ExperimentOutcome outcome;
        ExperimentOutcome? confirmation;
        using (interleaved is null ? null : lab.Runner.Interleave(experiment.Id, interleaved))
            (outcome, confirmation) = await lab.Confirming.RunAsync(experiment, policy, confirm, progress,
                interruption.Token).ConfigureAwait(false);
        // Which files each revision loaded: what the change tier selects workflows by.
        var footprints = new FootprintRecorder(lab.Footprints, lab.Paths, TimeProvider.System);
        // Not the run's token: after Ctrl-C what was measured is still recorded (and the exit stays 130).
        await footprints.RecordAsync(outcome.Experiment, outcome.Trials, CancellationToken.None).ConfigureAwait(false);
        if (confirmation is not null && confirmation.Experiment.Status == ExperimentStatus.Failed)
        {
            Console.Error.WriteLine(
                $"ailab: the confirmation run {confirmation.Experiment.Id} failed: {confirmation.Experiment.StatusReason}");
        }

        // The call-count trials (and sampled ones a sequential stop left) run after the experiment.
        var profiled = profile is null || outcome.Experiment.Status != ExperimentStatus.Completed ? null
            : interleaved is null ? new ProfileRendering.Outcome(null, profileError)
            : await ProfileRendering.CompleteAsync(lab, outcome.Experiment, interleaved, profile, outcome.Trials,
                interruption.Token).ConfigureAwait(false);
        // Kept with the experiment, so that `ailab show` and the dashboard carry the findings next to the verdict.
        if (profiled is not null)
            await ProfileRendering.KeepAsync(lab, outcome.Experiment.Id, profiled, CancellationToken.None)
                .ConfigureAwait(false);
        // A resumed experiment read back with an older profile: this run's profile is the one printed.
        var shown = profiled is null ? outcome.Experiment : outcome.Experiment with { Profile = null };
        var report = json
            ? JsonReport.Experiment(shown, outcome.Trials)
            : SummaryTable.Render(shown, outcome.Trials);
        Console.Out.Write(profiled is null
            ? report + (json ? "\n" : "")
            : ProfileRendering.Attach(report, profiled, json));
        var failed = outcome.Trials.Where(t => !t.Result.Succeeded).ToList();
        if (failed.Count > 0 && failed.All(t => t.Result.Failure == FailureKind.Infrastructure)
            && outcome.Experiment.Status != ExperimentStatus.Interrupted)
        {
            // The cluster failed, not the workload: exit 3 would send the author to a bug that is not theirs.
            Console.Error.WriteLine($"ailab: infrastructure failure: the scheduler ended {failed.Count} trial"
                + $"{(failed.Count == 1 ? "" : "s")} on every attempt ({failed[0].Result.Reason}); not the workload's "
                + $"failure, and no verdict was drawn from those trials; exit code {ExitCodes.Error}");
            return ExitCodes.Error;
        }

        return ExitCodeOf(outcome.Experiment, outcome.FailedTrials.Any(), failOn);
    }

    public static int ExitCodeOf(Experiment experiment, bool anyTrialFailed, IReadOnlyCollection<Verdict> failOn)
    {
        if (experiment.Status == ExperimentStatus.Interrupted)
        {
            var command = experiment.Kind == ExperimentKind.AB ? "ab" : "run";
            Console.Error.WriteLine(
                $"ailab: interrupted; the trials measured so far are stored. "
                + $"Continue with: ailab {command} --resume {experiment.Id}");
            return ExitCodes.Interrupted;
        }

        if (experiment.Status == ExperimentStatus.Failed || anyTrialFailed)
        {
            var reason = experiment.StatusReason ?? "some trials failed; see the failed trials above";
            Console.Error.WriteLine($"ailab: the workload failed ({reason}); exit code {ExitCodes.WorkloadFailed}");
            return ExitCodes.WorkloadFailed;
        }

        if (experiment.Verdict is { } verdict && failOn.Contains(verdict.Overall))
        {
            Console.Error.WriteLine(
                $"ailab: verdict {verdict.Overall.ToWire()} matches --fail-on; exit code {ExitCodes.VerdictMatched}");
            return ExitCodes.VerdictMatched;
        }

        return ExitCodes.Success;
    }
}
