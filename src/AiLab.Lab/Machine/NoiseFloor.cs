using AiLab.Core.Experiments;
using AiLab.Lab.Analysis;
using AiLab.Stats.Estimators;
using AiLab.Stats.Sequential;

namespace AiLab.Lab.Machine;

/// <summary>A workflow's measured noise on this machine (what <c>ailab doctor</c> reports) and the trials a verdict
/// would need at it.</summary>
public sealed record NoiseFloor
{
    /// <summary>The design α the trial counts are computed at (the default verdict's).</summary>
    public const double Alpha = 0.01;

    /// <summary>The design power of the trial counts.</summary>
    public const double Power = 0.9;

    /// <summary>TTFB first, then its phases, then the other metrics.</summary>
    public required IReadOnlyList<MetricNoise> Metrics { get; init; }

    /// <summary>Trials per variant a fixed A/B experiment needs here to detect a 3% TTFB shift (null: no
    /// TTFB).</summary>
    public int? TrialsFor3Pct { get; init; }

    /// <summary>The same for a 5% shift.</summary>
    public int? TrialsFor5Pct { get; init; }

    /// <summary>Measured trials.</summary>
    public required int Measured { get; init; }

    /// <summary>Measured trials that failed.</summary>
    public required int Failed { get; init; }

    /// <summary>Measured trials the machine-state judge flagged as run on a busy machine.</summary>
    public required int Busy { get; init; }

    /// <summary>The noise of the measured trials of one variant. Trial counts use the fixed-design sample size
    /// 2σ²(z_{1−α/2} + z_{power})² / ln(1 + δ)² with σ the sd of log TTFB (<see
    /// cref="SequentialDesign.FixedDesignTrials"/>, the formula ab --sequential plans with; Chow, Shao &amp; Wang,
    /// Sample Size Calculations in Clinical Research, §3.2).</summary>
    public static NoiseFloor Compute(IReadOnlyList<TrialRecord> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var measured = trials.Where(t => !t.IsWarmup).ToList();
        var metrics = RunSummary.Metrics(measured).ToList();
        var ttfbValues = metrics.FirstOrDefault(m => m.Name == MetricCatalog.Ttfb).Values;
        var ttfbVariance = ttfbValues is { Count: > 1 } ? Descriptive.Variance(ttfbValues) : double.NaN;
        var noise = metrics.Where(m => m.Values.Count > 0).Select(m =>
        {
            var v = m.Values;
            var median = Descriptive.Median(v);
            var mean = Descriptive.Mean(v);
            var sd = v.Count > 1 ? Descriptive.StdDev(v) : double.NaN;
            var mad = Descriptive.Median(v.Select(x => Math.Abs(x - median)).ToList());
            var logs = v.Where(x => x > 0).Select(x => Math.Log(x)).ToList();
            var logSd = logs.Count > 1 ? Descriptive.StdDev(logs) : double.NaN;
            double? share = MetricCatalog.IsPhase(m.Name) && ttfbVariance > 0 && v.Count > 1 && v.Count == ttfbValues!.Count
                ? Covariance(v, ttfbValues) / ttfbVariance
                : null;
            return new MetricNoise(m.Name, MetricCatalog.UnitOf(m.Name), v.Count, median, mean > 0 ? 100 * sd / mean : double.NaN,
                median > 0 ? 100 * 1.4826 * mad / median : double.NaN, logSd, share);
        }).ToList();
        var ttfb = noise.FirstOrDefault(m => m.Name == MetricCatalog.Ttfb);
        return new NoiseFloor
        {
            Metrics = noise,
            TrialsFor3Pct = TrialsFor(ttfb, 0.03),
            TrialsFor5Pct = TrialsFor(ttfb, 0.05),
            Measured = measured.Count,
            Failed = measured.Count(t => !t.Result.Succeeded),
            Busy = measured.Count(t => MachineStateJudge.Busy(t.Result.Machine) is not null),
        };
    }

    // TTFB is the sum of its phases, so cov(phase, TTFB) / var(TTFB) splits its variance into shares that add up
    // to 1 (a phase that moves against the others gets a negative share).
    private static double Covariance(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var mx = Descriptive.Mean(x);
        var my = Descriptive.Mean(y);
        return x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / (x.Count - 1);
    }

    private static int? TrialsFor(MetricNoise? ttfb, double shift) =>
        ttfb is { LogSd: var sd } && double.IsFinite(sd)
            ? Math.Max(3, SequentialDesign.FixedDesignTrials(Alpha, Power, shift, Math.Max(sd, 1e-6)))
            : null;
}
