namespace AiLab.Core.Incidents;

/// <summary>How far a metric moved at the culprit, relative and absolute, each with its confidence interval.</summary>
/// <param name="ChangePct">Relative change of the median, in percent (positive = slower).</param>
/// <param name="CiPct">Confidence interval of <paramref name="ChangePct"/>: [low, high].</param>
/// <param name="ChangeMs">Change of the median in milliseconds.</param>
/// <param name="CiMs">Confidence interval of <paramref name="ChangeMs"/>: [low, high].</param>
public sealed record ChangeEstimate(double ChangePct, double[] CiPct, double ChangeMs, double[] CiMs);
