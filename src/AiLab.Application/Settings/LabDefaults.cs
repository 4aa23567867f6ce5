namespace AiLab.Application.Settings;

/// <summary>The defaults of every setting a front end may leave out, in one place so that the command line, a server
/// and the docs agree. The statistics' own defaults (α, minimum effect) are <c>VerdictPolicy.Default</c>; the
/// sequential design's are <see cref="Planning.SequentialDesignOptions"/>.</summary>
public static class LabDefaults
{
    /// <summary>Measured trials per variant when neither the request nor the workflow says: the first look of the
    /// error-controlled extension.</summary>
    public const int Trials = 10;

    /// <summary>Warm-up trials per variant, run first and discarded.</summary>
    public const int Warmup = 1;

    /// <summary>Trials per commit of a history scan: a change-point search needs many commits, not many
    /// trials.</summary>
    public const int HistoryTrials = 5;

    /// <summary>A/A experiments of a calibration; their trials are pooled.</summary>
    public const int CalibrationExperiments = 4;

    /// <summary>Fewest trials per variant a calibration accepts: its noise estimate needs a spread per
    /// experiment.</summary>
    public const int CalibrationMinTrials = 5;

    /// <summary>Most trials per variant of a sequential experiment.</summary>
    public const int SequentialMaxTrials = 60;

    /// <summary>A bisection step that stays inconclusive is repeated with doubled trials up to this many times the
    /// first step's trials.</summary>
    public const int BisectMaxTrialsFactor = 4;

    /// <summary>Steps of a bisection run at once.</summary>
    public const int Jobs = 1;
}
