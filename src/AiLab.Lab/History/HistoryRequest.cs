using AiLab.Core.Workflows;

namespace AiLab.Lab.History;

/// <summary>What <c>ailab history</c> measures: one workflow on each commit of a first-parent range.</summary>
public sealed record HistoryRequest
{
    /// <summary>The workflow to run.</summary>
    public required WorkflowSpec Workflow { get; init; }

    /// <summary>The repository.</summary>
    public required string RepositoryPath { get; init; }

    /// <summary>The commits in order, oldest first (the range's start included).</summary>
    public required IReadOnlyList<string> Commits { get; init; }

    /// <summary>Measured trials per commit.</summary>
    public int Trials { get; init; } = 5;

    /// <summary>Warm-up trials per commit.</summary>
    public int Warmup { get; init; } = 1;

    /// <summary>Seed of each run's order; random when null.</summary>
    public int? Seed { get; init; }
}
