namespace AiLab.Server.Bisections;

/// <summary>One comparison a bisection ran: an A/B experiment between two commits of its range.</summary>
/// <param name="ExperimentId">The experiment.</param>
/// <param name="CreatedAt">When it ran.</param>
/// <param name="BaseCommit">A's commit.</param>
/// <param name="CandidateCommit">B's commit.</param>
/// <param name="Verdict">Its overall verdict (wire name), or its status when it has none.</param>
/// <param name="TtfbChangePct">TTFB's change in percent, NaN when unmeasured.</param>
/// <param name="Reason">The verdict's one-line basis.</param>
public sealed record BisectionStep(string ExperimentId, DateTimeOffset CreatedAt, string BaseCommit, string CandidateCommit,
    string Verdict, double TtfbChangePct, string? Reason);
