using AiLab.Core.Incidents;

namespace AiLab.Server.Bisections;

/// <summary>A bisection as the server shows it: the range searched, each step's verdict, and the culprits with
/// their incidents. The lab stores bisections as their experiments and incidents; this view puts them together.</summary>
public sealed record Bisection
{
    /// <summary><c>bis-</c> and 16 hex digits of repository, workflow and range: stable across restarts.</summary>
    public required string Id { get; init; }

    /// <summary>The workflow bisected.</summary>
    public required string Workflow { get; init; }

    /// <summary>The repository searched.</summary>
    public required string Repository { get; init; }

    /// <summary>The last good and first bad revision.</summary>
    public required RevisionRange Range { get; init; }

    /// <summary>The range's commits, oldest first (good excluded, bad included); empty when the repository could not
    /// be read.</summary>
    public required IReadOnlyList<string> Commits { get; init; }

    /// <summary>Each comparison, in the order it ran.</summary>
    public required IReadOnlyList<BisectionStep> Steps { get; init; }

    /// <summary>The incidents filed for the culprits, oldest culprit first.</summary>
    public required IReadOnlyList<Incident> Culprits { get; init; }

    /// <summary>What the view could not establish (e.g. the repository is gone, so steps are the evidence only).</summary>
    public string? Note { get; init; }
}
