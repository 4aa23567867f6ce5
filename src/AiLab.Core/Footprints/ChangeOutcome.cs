namespace AiLab.Core.Footprints;

/// <summary>What one change-tier experiment found for one workflow: the history selection learns from.</summary>
/// <param name="Workflow">The production workflow's name.</param>
/// <param name="Paths">The changed paths that touched the workflow's footprint.</param>
/// <param name="Regressed">True when the verdict was a (confirmed) regression.</param>
/// <param name="ExperimentId">The experiment, when one ran; null for outcomes recorded from elsewhere.</param>
/// <param name="RecordedAt">When it was recorded.</param>
public sealed record ChangeOutcome(
    string Workflow, IReadOnlyList<string> Paths, bool Regressed, string? ExperimentId, DateTimeOffset RecordedAt);
