using AiLab.Lab.Analysis;

namespace AiLab.Lab.Bisection;

/// <summary>What to bisect: the first-parent history between a good and a bad commit, and how hard to look.</summary>
public sealed record BisectRequest
{
    /// <summary>Full sha of the known-good commit.</summary>
    public required string Good { get; init; }

    /// <summary>The commits after <see cref="Good"/> on the bad commit's first-parent line, oldest first; the last is
    /// the bad commit.</summary>
    public required IReadOnlyList<string> Commits { get; init; }

    /// <summary>The metric whose change is bisected. <c>ttfb</c> (the default) bisects each phase that moved, sharing
    /// experiments between them; any other metric (<c>phase:NAME</c>, <c>cpu_time</c>) is bisected alone.</summary>
    public string Metric { get; init; } = MetricCatalog.Ttfb;

    /// <summary>Measured trials per variant of a step's first comparison. Default 10.</summary>
    public int Trials { get; init; } = 10;

    /// <summary>Most measured trials per variant an inconclusive step is repeated with (doubling each time). Default
    /// 40.</summary>
    public int MaxTrials { get; init; } = 40;

    /// <summary>Independent steps run at the same time. Default 1: parallel trials disturb each other's timing unless
    /// the executor has spare capacity.</summary>
    public int Jobs { get; init; } = 1;

    /// <summary>A comparison of <see cref="Good"/> with the bad commit already made (by <c>ailab release</c>); reused
    /// instead of run again, and not counted.</summary>
    public RevisionComparison? RangeComparison { get; init; }

    /// <summary>The bad commit.</summary>
    public string Bad => Commits[^1];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public BisectRequest Validated()
    {
        if (string.IsNullOrWhiteSpace(Good)) throw new ArgumentException("the good commit is empty");
        if (Commits is null || Commits.Count == 0) throw new ArgumentException("the good and the bad revision are the same commit: there is nothing to bisect");
        if (Commits.Contains(Good)) throw new ArgumentException($"the good commit {Good} is inside its own range");
        if (string.IsNullOrWhiteSpace(Metric)) throw new ArgumentException("the metric to bisect is empty");
        if (Trials < 2) throw new ArgumentException($"a bisection step needs at least 2 trials per variant, got {Trials}");
        if (MaxTrials < Trials) throw new ArgumentException($"the most trials per step ({MaxTrials}) must be at least the trials per step ({Trials})");
        if (Jobs < 1) throw new ArgumentException($"at least 1 step must run at a time, got {Jobs}");
        return this;
    }
}
