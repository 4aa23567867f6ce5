using AiLab.Core.Metrics;

namespace AiLab.Lab.Analysis;

/// <summary>The rules that turn test results into a verdict. Defaults are chosen for TTFB of real training jobs:
/// effects are multiplicative, noise is a few percent, and a false alarm costs the lab its users' trust.</summary>
public sealed record VerdictPolicy
{
    /// <summary>The defaults.</summary>
    public static readonly VerdictPolicy Default = new();

    /// <summary>Significance level of each metric's tests (Welch on logs, and Mann–Whitney as the robustness check).
    /// Default 0.01: a metric's false-alarm rate under no change stays at or below 1%.</summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>Confidence level of the bootstrap intervals. Default 0.95.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Smallest relative change of the median that counts as practically relevant, in percent. Default 1%:
    /// a significant 0.1% change is reported as <c>no_change</c>.</summary>
    public double MinEffectPct { get; init; } = 1.0;

    /// <summary>A change of a time metric (ms) of at least this many milliseconds counts even where it is under
    /// <see cref="MinEffectPct"/> of the median: the minimum effect is 1% <em>or</em> 50 ms, whichever is smaller.
    /// Default 50 ms. A launch's delay costs the same idle accelerator time whether the launch takes 2 s or 40 s, so
    /// a significant +100 ms on a 15 s production start-up matters as much as on its 1.5 s shrunk test (issue 11:
    /// both sizes must give the same verdict). The cap does not touch the false-alarm rate, which α and the rank
    /// check hold; it only stops a real, significant shift of 50 ms or more from being called immaterial.</summary>
    public double MinEffectCapMs { get; init; } = 50;

    /// <summary>Smallest absolute change of the median that counts, in the metric's unit (ms or MiB). Default 1: a
    /// 0.3 ms shift of a 2 ms phase is not a regression, however many percent it is.</summary>
    public double MinEffectAbsolute { get; init; } = 1.0;

    /// <summary>When nothing is significant but the interval still reaches beyond ±this percent, the experiment
    /// could not rule out a real change and the verdict is <c>inconclusive</c>. Default 5%.</summary>
    public double EquivalenceMarginPct { get; init; } = 5.0;

    /// <summary>Fewer successful trials than this on either side gives <c>inconclusive</c>. Default 3.</summary>
    public int MinTrials { get; init; } = 3;

    /// <summary>Bootstrap resamples per interval. Default 2000.</summary>
    public int BootstrapIterations { get; init; } = 2000;

    /// <summary>The calibration whose ROC-selected threshold decides the primary metric instead of α; null for the
    /// default rules.</summary>
    public Calibrations.AppliedCalibration? Calibration { get; init; }

    /// <summary>Why no calibration is applied (none stored, stale, another machine), reported with the verdict.</summary>
    public string? CalibrationNote { get; init; }

    /// <summary>Validates the policy; throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    public VerdictPolicy Validated()
    {
        if (Alpha is <= 0 or >= 1) throw new ArgumentException($"alpha must be in (0, 1), got {Alpha}");
        if (Confidence is <= 0 or >= 1) throw new ArgumentException($"confidence must be in (0, 1), got {Confidence}");
        if (MinEffectPct < 0) throw new ArgumentException($"minimum effect must be >= 0%, got {MinEffectPct}");
        if (!(MinEffectCapMs > 0))
            throw new ArgumentException($"minimum effect cap must be > 0 ms, got {MinEffectCapMs}");
        if (MinEffectAbsolute < 0) throw new ArgumentException($"minimum absolute effect must be >= 0, got {MinEffectAbsolute}");
        if (EquivalenceMarginPct < MinEffectPct)
            throw new ArgumentException($"equivalence margin ({EquivalenceMarginPct}%) must be at least the minimum effect ({MinEffectPct}%)");
        if (MinTrials < 2) throw new ArgumentException($"minimum trials must be >= 2, got {MinTrials}");
        if (BootstrapIterations < 100) throw new ArgumentException($"bootstrap iterations must be >= 100, got {BootstrapIterations}");
        return this;
    }

    /// <summary>True when a change is large enough to matter: at least <see cref="MinEffectPct"/> of the median or,
    /// for a time metric, at least <see cref="MinEffectCapMs"/>; and at least <see cref="MinEffectAbsolute"/> in the
    /// metric's unit. A change without a relative size (a zero baseline) is judged by its difference alone.</summary>
    public bool IsMaterial(double changePct, double diff, MetricUnit unit) =>
        Math.Abs(diff) >= MinEffectAbsolute
        && (double.IsNaN(changePct) || Math.Abs(changePct) >= MinEffectPct
            || (unit == MetricUnit.Milliseconds && Math.Abs(diff) >= MinEffectCapMs));

    /// <summary>The smallest shift in ms that matters against a baseline median of <paramref name="medianMs"/>:
    /// <see cref="MinEffectPct"/> of it, at most <see cref="MinEffectCapMs"/>, at least
    /// <see cref="MinEffectAbsolute"/>.</summary>
    public double MinimumShiftMs(double medianMs) =>
        Math.Max(Math.Min(MinEffectPct / 100 * medianMs, MinEffectCapMs), MinEffectAbsolute);

    /// <summary>The minimum effect in words, as the reports print it: "1% or 50 ms".</summary>
    public string MinEffectText => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{MinEffectPct:0.##}% or {MinEffectCapMs:0.##} ms");
}
