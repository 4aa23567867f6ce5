namespace AiLab.Lab.Release;

/// <summary>The release report: every workflow's verdict between two releases, and the culprits when bisected.</summary>
public sealed record ReleaseResult
{
    /// <summary>Full sha of the previous release.</summary>
    public required string From { get; init; }

    /// <summary>Full sha of the candidate.</summary>
    public required string To { get; init; }

    /// <summary>Commits between them.</summary>
    public required int Commits { get; init; }

    /// <summary>The metric that decides.</summary>
    public required string Metric { get; init; }

    /// <summary>One entry per workflow, in suite order.</summary>
    public required IReadOnlyList<WorkflowRelease> Workflows { get; init; }

    /// <summary>True when the user stopped it; the workflows done so far are reported.</summary>
    public bool Interrupted { get; init; }

    /// <summary>Wall-clock time.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>A/B experiments run, bisections included.</summary>
    public int Experiments => Workflows.Sum(w => w.Experiments + (w.Bisection?.Experiments ?? 0));

    /// <summary>Trials run, bisections included.</summary>
    public int Trials => Workflows.Sum(w => w.Trials + (w.Bisection?.Trials ?? 0));
}
