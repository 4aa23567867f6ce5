namespace AiLab.Core.Verdicts;

/// <summary>An experiment's conclusion: the overall verdict, what caused it, and every metric's comparison.</summary>
public sealed record ExperimentVerdict
{
    /// <summary>The overall verdict: the primary metric (<see cref="PrimaryMetric"/>) and its phases tested as one
    /// family; <see cref="DecisionBasis.DecidedBy"/> says which of them decided.</summary>
    public required Verdict Overall { get; init; }

    /// <summary>The metric the overall verdict follows, normally <c>ttfb</c>.</summary>
    public required string PrimaryMetric { get; init; }

    /// <summary>The phase metric that moved most in the overall verdict's direction, e.g. <c>phase:config_validation</c>.</summary>
    public string? Cause { get; init; }

    /// <summary>Every metric compared.</summary>
    public required IReadOnlyList<MetricComparison> Metrics { get; init; }

    /// <summary>Why the overall verdict is what it is: test, statistic, threshold and its source, trials used.</summary>
    public DecisionBasis? Basis { get; init; }

    /// <summary>The confirmation run of a regression or improvement: null when none was asked for or needed. When it
    /// did not reproduce the change, <see cref="Overall"/> is <c>inconclusive</c> and this says why.</summary>
    public ConfirmationResult? Confirmation { get; init; }

    /// <summary>Things the reader should know: failed trials, disagreeing tests, other metrics that moved.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
