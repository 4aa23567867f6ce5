namespace AiLab.Lab.History;

/// <summary>One commit's measurement: the median TTFB of its trials (NaN when it could not be measured), and the
/// trials' own TTFBs when they are at hand (the change confirmation uses them; without them, the median stands for
/// the commit).</summary>
public sealed record HistoryPoint(
    string Commit, double MedianTtfbMs, int Trials, string ExperimentId, string? Failure,
    IReadOnlyList<double>? TtfbMs = null);
