namespace AiLab.Lab.Bisection;

/// <summary>A commit that could not be built or run, skipped as <c>git bisect skip</c> would.</summary>
/// <param name="Commit">Full sha.</param>
/// <param name="Position">1-based position in the range.</param>
/// <param name="Reason">Why: the build's exit code and log tail, or the trials' failure.</param>
/// <param name="ExperimentId">The experiment that found out.</param>
public sealed record SkippedCommit(string Commit, int Position, string Reason, string? ExperimentId);
