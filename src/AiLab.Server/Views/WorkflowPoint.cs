namespace AiLab.Server.Views;

/// <summary>One experiment of a workflow's history as the home chart plots it: the candidate's (B's) medians.</summary>
/// <param name="ExperimentId">The experiment.</param>
/// <param name="CreatedAt">When it was created (the x order).</param>
/// <param name="Commit">B's commit (full sha), or B's label when it ran no revision.</param>
/// <param name="BaseCommit">A's commit, or A's label.</param>
/// <param name="Verdict">Overall verdict wire name (<c>regression</c>, ...).</param>
/// <param name="TtfbMs">B's median TTFB in ms.</param>
/// <param name="Phases">B's median per phase in ms, in phase order (they add up to TTFB).</param>
/// <param name="Branch">The branch it measured (<see cref="ExperimentBranches"/>), or null when not looked up.</param>
public sealed record WorkflowPoint(string ExperimentId, DateTimeOffset CreatedAt, string Commit, string BaseCommit,
    string Verdict, double TtfbMs, IReadOnlyList<PhaseValue> Phases, string? Branch = null);
