using AiLab.Core.Verdicts;

namespace AiLab.Lab.Bisection;

/// <summary>The outcome of one A/B comparison of two commits: its verdict, the experiment that holds its evidence, and
/// what it cost.</summary>
public sealed record RevisionComparison
{
    /// <summary>Full sha of variant A.</summary>
    public required string BaseCommit { get; init; }

    /// <summary>Full sha of variant B.</summary>
    public required string CandidateCommit { get; init; }

    /// <summary>Measured trials per variant that were asked for.</summary>
    public required int TrialsPerVariant { get; init; }

    /// <summary>The stored experiment (<c>ailab show ID</c>); null when none was stored.</summary>
    public string? ExperimentId { get; init; }

    /// <summary>The verdict; null when <see cref="Failure"/> is not <see cref="ComparisonFailure.None"/>.</summary>
    public ExperimentVerdict? Verdict { get; init; }

    /// <summary>Trials actually run, warm-ups and failed ones included: what the comparison cost.</summary>
    public int TrialsRun { get; init; }

    /// <summary>Which side failed, if any.</summary>
    public ComparisonFailure Failure { get; init; }

    /// <summary>Why a side failed, in words.</summary>
    public string? Reason { get; init; }

    /// <summary>True when the comparison has a verdict.</summary>
    public bool Succeeded => Failure == ComparisonFailure.None && Verdict is not null;

    /// <summary>The comparison of <paramref name="metric"/>, or null when the verdict lacks it.</summary>
    public MetricComparison? Metric(string metric) => Verdict?.Metrics.FirstOrDefault(m => m.Name == metric);
}
