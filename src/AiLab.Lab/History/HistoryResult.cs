namespace AiLab.Lab.History;

/// <summary>A workflow's measured history and the change points found in it.</summary>
public sealed record HistoryResult(IReadOnlyList<HistoryPoint> Points, IReadOnlyList<SuspiciousRange> Changes, bool Interrupted);
