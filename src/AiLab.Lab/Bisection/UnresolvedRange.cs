namespace AiLab.Lab.Bisection;

/// <summary>A part of the range where a change was measured but no single commit could be blamed: the commits in it
/// were skipped, a step stayed inconclusive at the most trials allowed, or the change did not reproduce on its own
/// commit. Nothing in it is reported as a culprit.</summary>
/// <param name="Metric">The metric being bisected there.</param>
/// <param name="From">The last commit known to be before the change (exclusive).</param>
/// <param name="To">The first commit known to be after it (inclusive).</param>
/// <param name="Candidates">The commits the change could be in.</param>
/// <param name="Reason">Why it stopped.</param>
public sealed record UnresolvedRange(string Metric, string From, string To, IReadOnlyList<string> Candidates, string Reason);
