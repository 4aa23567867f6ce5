using AiLab.Core.Calibrations;
using AiLab.Core.Experiments;
using AiLab.Lab.Analysis;
using AiLab.Stats.Calibration;

namespace AiLab.Lab.Calibrations;

/// <summary>Finds the calibration an experiment should use and fits its threshold to the experiment's trials per
/// variant (from the stored pool, when they differ from the calibration's).</summary>
public static class CalibrationResolver
{
    /// <summary>The calibration to apply, or null with the reason it is not applied (null reason: none was asked
    /// for).</summary>
    /// <param name="store">Where calibrations live.</param>
    /// <param name="experiment">The A/B experiment about to be analyzed.</param>
    /// <param name="choice"><c>auto</c> (the workflow's newest, if fresh), <c>none</c>, or a calibration id.</param>
    /// <param name="now">The current time.</param>
    /// <param name="maxAge">Age after which a calibration is stale.</param>
    /// <param name="refit">False to take the stored threshold as it is (a sequential design only needs its noise and
    /// budget); true to fit it to the experiment's trials per variant.</param>
    /// <param name="cancellationToken">Cancels the store's reads.</param>
    public static async Task<(AppliedCalibration? Applied, string? Note)> ResolveAsync(
        ICalibrationStore store, Experiment experiment, string choice, DateTimeOffset now, TimeSpan maxAge,
        bool refit = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentException.ThrowIfNullOrWhiteSpace(choice);
        if (choice == "none") return (null, null);
        var key = WorkflowKeys.Of(experiment.Workflow, experiment.RepositoryPath);
        Calibration? calibration;
        if (choice == "auto")
        {
            calibration = await store.LatestAsync(key, cancellationToken).ConfigureAwait(false);
            if (calibration is null)
                return (null, $"no calibration for this workflow: thresholds are the defaults; run 'ailab calibrate' " +
                    $"with the same workflow options to tune them to its noise");
        }
        else
        {
            calibration = await store.FindAsync(choice, cancellationToken).ConfigureAwait(false)
                ?? throw new ArgumentException($"no calibration '{choice}' is stored");
            if (calibration.WorkflowKey != key)
                throw new ArgumentException($"calibration {calibration.Id} is of another workflow " +
                    $"({calibration.WorkflowKey}, this is {key}): its noise says nothing about this one");
        }

        // Where a Slurm experiment's trials will run is only known once they ran; a calibration measured on the
        // cluster is compared as the cluster's (its nodes are named in the calibration), a local one never is.
        var here = experiment.Workflow.Slurm is null
            ? MachineFingerprint.Current(experiment.Workflow.Cpus)
            : calibration.Machine.PinnedCpus == MachineFingerprint.SlurmBound
                ? calibration.Machine
                : new MachineFingerprint("a Slurm node", "unknown", 0, MachineFingerprint.SlurmBound);
        if (CalibrationFreshness.StaleReason(calibration, here, now, maxAge) is { } stale)
            return (null, $"{stale}: thresholds are the defaults; recalibrate with 'ailab calibrate'");

        var ttfb = calibration.Metrics.FirstOrDefault(m => m.Name == MetricCatalog.Ttfb && m.Threshold is not null)
            ?? throw new InvalidOperationException($"calibration {calibration.Id} has no TTFB threshold");
        var selection = ttfb.Threshold!;
        if (refit && selection.PerSide != experiment.TrialsPerVariant)
        {
            if (ttfb.Pool.Count < 2 * experiment.TrialsPerVariant)
            {
                return (null, $"calibration {calibration.Id} pooled {ttfb.Pool.Count} TTFB values, too few to fit a " +
                    $"threshold for {experiment.TrialsPerVariant} trials per variant " +
                              $"(it needs {2 * experiment.TrialsPerVariant}): thresholds are the defaults; " +
                              $"recalibrate with more --experiments or run {calibration.TrialsPerVariant} trials");
            }

            selection = ThresholdSelector.Select(ttfb.Pool, experiment.TrialsPerVariant, calibration.BudgetRate,
                ThresholdSelectorOptions.Default with { Seed = experiment.Seed });
        }

        var applied = new AppliedCalibration
        {
            CalibrationId = calibration.Id, Budget = calibration.Budget, Selection = selection,
            LogMadSd = ttfb.Profile.LogMadSd,
        };
        return (applied, null);
    }
}
