using AiLab.Core.Workflows;
using AiLab.Lab.Analysis;

namespace AiLab.Lab.Bisection;

/// <summary>What every experiment of an <see cref="ExperimentRevisionComparer"/> shares: the workflow, the repository,
/// warm-ups, the verdict rules.</summary>
public sealed record RevisionExperimentSettings
{
    /// <summary>The workflow every trial runs.</summary>
    public required WorkflowSpec Workflow { get; init; }

    /// <summary>The git repository the commits come from.</summary>
    public required string RepositoryPath { get; init; }

    /// <summary>The directory the experiment records as its working directory.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Warm-up trials per variant. Default 1.</summary>
    public int Warmup { get; init; } = 1;

    /// <summary>Seed every experiment's own seed derives from (with its pair and trial count); random when null.</summary>
    public int? Seed { get; init; }

    /// <summary>True for the comparer of confirmation runs: every experiment builds in fresh worktrees of its own and
    /// draws a seed (a trial order) different from the first run's.</summary>
    public bool Confirmation { get; init; }

    /// <summary>What the experiments' capacity is spent for: bisection, or release under <c>ailab release</c>.</summary>
    public Core.Capacity.CapacityTier Tier { get; init; } = Core.Capacity.CapacityTier.Bisection;

    /// <summary>The id of the experiment that compares a base and a candidate commit with a number of trials per
    /// variant, or null for a fresh id each time. With stable ids (the server's queued bisections) a comparison run
    /// again after a restart finds its stored experiment and resumes it (stored trials kept) instead of starting
    /// over.</summary>
    public Func<string, string, int, string>? ExperimentIdFor { get; init; }

    /// <summary>The verdict rules.</summary>
    public VerdictPolicy Policy { get; init; } = VerdictPolicy.Default;
}
