namespace AiLab.Lab.History;

/// <summary>One commit's measurement: the median TTFB of its trials (NaN when it could not be measured).</summary>
public sealed record HistoryPoint(string Commit, double MedianTtfbMs, int Trials, string ExperimentId, string? Failure);
