using AiLab.Core.Workflows;

namespace AiLab.Lab.ChangeTier;

/// <summary>How change-tier experiments are sized and priced.</summary>
public sealed record ChangeSelectorOptions
{
    /// <summary>Defaults: 8 trials and 1 warm-up per variant unless the test sets its own, α = 0.01.</summary>
    public static readonly ChangeSelectorOptions Default = new();

    /// <summary>Measured trials per variant when neither the command line nor the test says (default 8).</summary>
    public int DefaultTrials { get; init; } = 8;

    /// <summary>Trials per variant from the command line, overriding the test's own.</summary>
    public int? Trials { get; init; }

    /// <summary>Warm-ups per variant when the test does not say (default 1).</summary>
    public int DefaultWarmup { get; init; } = 1;

    /// <summary>The significance level the experiments use (for the detection power).</summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>The CPU seconds assumed for a trial of a test never measured (default 30: pessimistic, so an
    /// unknown test does not crowd out known ones by looking free).</summary>
    public double AssumedCpuSecondsPerTrial { get; init; } = 30;

    /// <summary>Trials per variant for <paramref name="test"/>.</summary>
    public int TrialsFor(WorkflowSpec test) => Trials ?? test.Trials ?? DefaultTrials;

    /// <summary>Warm-ups per variant for <paramref name="test"/>.</summary>
    public int WarmupFor(WorkflowSpec test) => test.Warmup ?? DefaultWarmup;
}
