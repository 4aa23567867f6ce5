namespace AiLab.Execution.Git;

/// <summary>A source tree materialized (and built) for trials, or why its build failed.</summary>
/// <param name="Succeeded">True when <paramref name="Directory"/> holds the checked-out, built tree.</param>
/// <param name="Directory">The cache entry's work tree (kept after a failure, for inspection; redone next time).</param>
/// <param name="Key">Hex sha256 of tree, build command and environment: the cache entry's name.</param>
/// <param name="Reused">True when the entry was already built and nothing ran.</param>
/// <param name="BuildLogPath">The build command's stdout and stderr; null when there is no build command.</param>
/// <param name="Duration">How long Prepare took, waiting for a concurrent build of the same key included.</param>
/// <param name="Reason">On failure: the exit code or timeout and the last lines of the build log.</param>
public sealed record BuildResult(
    bool Succeeded,
    string Directory,
    string Key,
    bool Reused,
    string? BuildLogPath,
    TimeSpan Duration,
    string? Reason);
