using System.Globalization;
using AiLab.Core.Trials;
using AiLab.Core.Workflows;

namespace AiLab.Application.Settings;

/// <summary>Validates the settings of how trials run (counts, warm-up, timeout, parallel steps), one rule and one
/// message each, whatever front end passed them.</summary>
public static class TrialSettings
{
    /// <summary>Measured trials per variant: the request's, else the workflow's, else <paramref
    /// name="fallback"/>.</summary>
    /// <exception cref="InvalidSettingException">Fewer than 2.</exception>
    public static int Trials(int? requested, int? workflow, int fallback = LabDefaults.Trials)
    {
        var trials = requested ?? workflow ?? fallback;
        if (trials < 2)
        {
            throw new InvalidSettingException(
                "trials", Invariant($"must be at least 2 (a sample of one has no spread), got {trials}"));
        }

        return trials;
    }

    /// <summary>Trials per variant of a calibration's A/A experiments.</summary>
    /// <exception cref="InvalidSettingException">Fewer than <see cref="LabDefaults.CalibrationMinTrials"/>.</exception>
    public static int CalibrationTrials(int? requested, int? workflow)
    {
        var trials = Trials(requested, workflow);
        if (trials < LabDefaults.CalibrationMinTrials)
        {
            throw new InvalidSettingException(
                "trials",
                Invariant($"must be at least {LabDefaults.CalibrationMinTrials} for a calibration, got {trials}"));
        }

        return trials;
    }

    /// <summary>Warm-up trials per variant: the request's, else the workflow's, else <see
    /// cref="LabDefaults.Warmup"/>.</summary>
    /// <exception cref="InvalidSettingException">Negative.</exception>
    public static int Warmup(int? requested, int? workflow)
    {
        var warmup = requested ?? workflow ?? LabDefaults.Warmup;
        if (warmup < 0) throw new InvalidSettingException("warmup", Invariant($"must be 0 or more, got {warmup}"));
        return warmup;
    }

    /// <summary>A trial's wall-clock limit, parsed like <c>timeout:</c> in ailab.yaml (same parser, same
    /// reasons).</summary>
    /// <exception cref="InvalidSettingException">Not a duration, not positive, or longer than a trial may
    /// run.</exception>
    public static TimeSpan Timeout(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!DurationParser.TryParse(text, out var timeout, out var problem))
        {
            throw new InvalidSettingException("timeout", problem == "it must be greater than zero"
                ? $"'{text}' must be positive: a trial needs time to run; use e.g. 90s, 5m or 1h30m"
                : $"'{text}' is not a duration ({problem}); use e.g. 250ms, 90s, 5m or 1h30m");
        }

        if (TrialTimeout.Problem(timeout) is { } tooLong)
            throw new InvalidSettingException("timeout", $"'{text}': {tooLong}; a trial may run at most 720h, e.g. 2h");
        return timeout;
    }

    /// <summary>Independent steps run at once.</summary>
    /// <exception cref="InvalidSettingException">Fewer than 1.</exception>
    public static int Jobs(int jobs) =>
        jobs >= 1 ? jobs : throw new InvalidSettingException("jobs", Invariant($"must be at least 1, got {jobs}"));

    /// <summary>A/A experiments of a calibration.</summary>
    /// <exception cref="InvalidSettingException">Fewer than 1.</exception>
    public static int Experiments(int experiments) => experiments >= 1
        ? experiments
        : throw new InvalidSettingException("experiments", Invariant($"must be at least 1, got {experiments}"));

    /// <summary>Most trials per variant of a sequential experiment.</summary>
    /// <exception cref="InvalidSettingException">Fewer than 10: the design needs room for its looks.</exception>
    public static int SequentialMaxTrials(int maxTrials) => maxTrials >= 10
        ? maxTrials
        : throw new InvalidSettingException(
            "max-trials", Invariant($"must be at least 10 for a sequential experiment, got {maxTrials}"));

    /// <summary>Most trials per variant an inconclusive bisection step is repeated with: the request's, else
    /// <see cref="LabDefaults.BisectMaxTrialsFactor"/> times the trials.</summary>
    /// <exception cref="InvalidSettingException">Fewer than the trials per step.</exception>
    public static int BisectMaxTrials(int? requested, int trials)
    {
        var maxTrials = requested ?? trials * LabDefaults.BisectMaxTrialsFactor;
        if (maxTrials < trials)
        {
            throw new InvalidSettingException(
                "max-trials", Invariant($"({maxTrials}) must be at least the trials per step ({trials})"));
        }

        return maxTrials;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
