using AiLab.Core.Metrics;

namespace AiLab.Lab.Machine;

/// <summary>One metric's spread over repeated trials of one variant on this machine.</summary>
/// <param name="Name">The metric (<c>ttfb</c>, <c>phase:imports</c>, ...).</param>
/// <param name="Unit">Its unit.</param>
/// <param name="N">Successful measured trials.</param>
/// <param name="Median">Median value.</param>
/// <param name="CvPct">Standard deviation / mean, in percent.</param>
/// <param name="RobustCvPct">1.4826·MAD / median, in percent: the spread without the rare outlier.</param>
/// <param name="LogSd">Standard deviation of the log values: the noise the verdict's Welch test on logs sees.</param>
/// <param name="ShareOfTtfbVariance">cov(phase, TTFB) / var(TTFB): the phase's share of TTFB's variance; the shares
/// of all phases add up to 1 (null for TTFB and non-phases).</param>
public sealed record MetricNoise(
    string Name, MetricUnit Unit, int N, double Median, double CvPct, double RobustCvPct, double LogSd,
    double? ShareOfTtfbVariance);
