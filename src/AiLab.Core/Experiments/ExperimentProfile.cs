namespace AiLab.Core.Experiments;

/// <summary>The profile diff attached to an experiment (<c>ab --profile</c>, <c>profile --experiment</c>,
/// <c>bisect --profile</c> for a culprit's experiment): where the time went, and where the files are. Stored in
/// the experiment's document, so <c>ailab show</c>, its JSON and the dashboard show the findings with the
/// verdict.</summary>
/// <param name="Findings">The top findings, largest first; empty when no change was above noise.</param>
/// <param name="Folder">The folder holding the profiled trials and the reports.</param>
/// <param name="FlameGraphHtml">The self-contained differential flame graph.</param>
/// <param name="Json">The full diff as JSON.</param>
/// <param name="Speedscope">The profiles for speedscope.</param>
/// <param name="OverheadPct">The profiled trials' median TTFB against the measured trials', in percent; null when
/// unknown.</param>
/// <param name="Error">Why there is no profile (the profiled trials failed); null when there is one.</param>
public sealed record ExperimentProfile(
    IReadOnlyList<ExperimentProfileFinding> Findings, string? Folder, string? FlameGraphHtml, string? Json,
    string? Speedscope, double? OverheadPct, string? Error = null);
