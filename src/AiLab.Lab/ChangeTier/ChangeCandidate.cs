namespace AiLab.Lab.ChangeTier;

/// <summary>One workflow's place in a change's plan: why it would run (or not) and what it is worth.</summary>
public sealed record ChangeCandidate
{
    /// <summary>The test.</summary>
    public required ChangeTest Test { get; init; }

    /// <summary>The changed paths in its footprint.</summary>
    public required IReadOnlyList<string> TouchingPaths { get; init; }

    /// <summary>P(this change regresses this workflow | the touching paths, the history).</summary>
    public double PRegress { get; init; }

    /// <summary>P(the test detects a regression of the planned size | its noise, its trials).</summary>
    public double PDetect { get; init; }

    /// <summary>CPU seconds of one trial, as estimated.</summary>
    public double CpuSecondsPerTrial { get; init; }

    /// <summary>True when <see cref="CpuSecondsPerTrial"/> is an assumption (never measured).</summary>
    public bool CostAssumed { get; init; }

    /// <summary>Expected CPU seconds of its experiment (every trial of both variants, warm-ups included).</summary>
    public double CostCpuSeconds { get; init; }

    /// <summary>Expected regressions caught per CPU second: PRegress × PDetect / CostCpuSeconds.</summary>
    public double ValuePerCpuSecond => CostCpuSeconds > 0 ? PRegress * PDetect / CostCpuSeconds : 0;

    /// <summary>Why it was skipped; null when selected.</summary>
    public string? SkipReason { get; init; }

    /// <summary>A short code for the reason: <c>not_touched</c>, <c>no_footprint</c>, <c>over_budget</c>.</summary>
    public string? SkipCode { get; init; }
}
