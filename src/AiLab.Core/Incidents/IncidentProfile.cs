namespace AiLab.Core.Incidents;

/// <summary>The profile diff of the culprit against its parent (<c>bisect --profile</c>): where the time went, in
/// plain words, and where the files are.</summary>
/// <param name="Findings">The top findings, largest first, as the profile report words them (e.g. <c>+96.1 ms
/// (+22.3% of TTFB) in repr ← features.memoize_key ← features.build_features (6 calls), phase
/// preprocessing</c>); empty when no change was above noise.</param>
/// <param name="Folder">The folder holding the profiled trials and the reports.</param>
/// <param name="FlameGraphHtml">The self-contained differential flame graph.</param>
/// <param name="Json">The full diff as JSON.</param>
/// <param name="Speedscope">The profiles for speedscope.</param>
/// <param name="Error">Why there is no profile (the profiled trials failed); null when there is one.</param>
public sealed record IncidentProfile(
    IReadOnlyList<string> Findings, string? Folder, string? FlameGraphHtml, string? Json, string? Speedscope,
    string? Error = null);
