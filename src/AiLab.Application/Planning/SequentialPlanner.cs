using AiLab.Core.Calibrations;
using AiLab.Core.Experiments;
using AiLab.Lab.Analysis;
using AiLab.Lab.Calibrations;
using AiLab.Stats.Sequential;

namespace AiLab.Application.Planning;

/// <summary>Turns an experiment into a sequential one: α from the calibration's budget (or the policy's α), planning
/// noise and null inflation from the calibration (or <see cref="SequentialDesignOptions.DefaultLogSd"/>), looks sized
/// for the options' power at their margin (<see cref="SequentialDesign.Plan"/>) and capped at the maximum
/// trials.</summary>
public static class SequentialPlanner
{
    /// <summary>The experiment with its sequential plan and the design's trial cap.</summary>
    /// <param name="experiment">The planned (fixed-design) experiment.</param>
    /// <param name="calibrations">Where the workflow's calibration is looked up.</param>
    /// <param name="policy">The verdict policy; its α is used without a calibration.</param>
    /// <param name="calibrationChoice"><c>auto</c>, <c>none</c> or a calibration id.</param>
    /// <param name="maxTrials">Most trials per variant.</param>
    /// <param name="now">The current time, for the calibration's freshness.</param>
    /// <param name="options">The design's choices; <see cref="SequentialDesignOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the calibration's lookup.</param>
    /// <exception cref="Settings.InvalidSettingException"><paramref name="maxTrials"/> is too small.</exception>
    public static async Task<Experiment> PlanAsync(
        Experiment experiment,
        ICalibrationStore calibrations,
        VerdictPolicy policy,
        string calibrationChoice,
        int maxTrials,
        DateTimeOffset now,
        SequentialDesignOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(policy);
        options ??= SequentialDesignOptions.Default;
        Settings.TrialSettings.SequentialMaxTrials(maxTrials);
        var (applied, _) = calibrationChoice == "none"
            ? (null, null)
            : await CalibrationResolver.ResolveAsync(
                calibrations, experiment, calibrationChoice, now, CalibrationFreshness.DefaultMaxAge, refit: false,
                cancellationToken).ConfigureAwait(false);
        var alpha = applied is null ? policy.Alpha : applied.Selection.Budget;
        var logSd = applied is null ? options.DefaultLogSd : Math.Max(applied.LogMadSd, options.MinLogSd);
        var inflation = applied is null ? 1.0 : Math.Max(1.0, applied.Selection.WelchInflation);
        var design = SequentialDesign.Plan(
            alpha,
            power: options.Power,
            equivalenceMargin: options.EquivalenceMargin,
            logSd: logSd,
            lookCount: options.LookCount,
            maxTrials: maxTrials,
            minTrials: options.MinTrials,
            spending: options.Spending,
            nullInflation: inflation);
        var plan = new SequentialPlan
        {
            Alpha = alpha,
            Looks = design.Looks,
            EquivalenceMargin = options.EquivalenceMargin,
            LogSd = logSd,
            NullInflation = inflation,
            Spending = options.Spending,
            Source = applied is null
                ? FormattableString.Invariant($"the default sd(log) {options.DefaultLogSd} (no calibration)")
                : $"calibration {applied.CalibrationId}",
        };
        return experiment with { Sequential = plan, TrialsPerVariant = design.MaxTrials };
    }
}
