using AiLab.Core.Verdicts;

namespace AiLab.Lab.Bisection;

/// <summary>What a bisection found and what it spent.</summary>
public sealed record BisectResult
{
    /// <summary>Full sha of the good commit.</summary>
    public required string Good { get; init; }

    /// <summary>Full sha of the bad commit.</summary>
    public required string Bad { get; init; }

    /// <summary>The metric bisected.</summary>
    public required string Metric { get; init; }

    /// <summary>Commits in the range (good excluded, bad included).</summary>
    public required int Commits { get; init; }

    /// <summary>How it ended.</summary>
    public required BisectStatus Status { get; init; }

    /// <summary>Why it did not complete, when it did not.</summary>
    public string? StatusReason { get; init; }

    /// <summary>The comparison of good with bad that decided whether there was anything to find.</summary>
    public RevisionComparison? RangeComparison { get; init; }

    /// <summary>The metric's verdict between good and bad (<c>no_change</c> means: no culprit, by design).</summary>
    public Verdict RangeVerdict { get; init; } = Verdict.Inconclusive;

    /// <summary>The metrics searched: each phase that moved, or the metric itself.</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>Culprits, oldest first.</summary>
    public IReadOnlyList<Culprit> Culprits { get; init; } = [];

    /// <summary>Commits that could not be built or run.</summary>
    public IReadOnlyList<SkippedCommit> Skipped { get; init; } = [];

    /// <summary>Ranges where a change was measured but no commit could be blamed.</summary>
    public IReadOnlyList<UnresolvedRange> Unresolved { get; init; } = [];

    /// <summary>Every comparison bisection ran, in the order they finished.</summary>
    public IReadOnlyList<RevisionComparison> Comparisons { get; init; } = [];

    /// <summary>A/B experiments run (a reused comparison is not counted).</summary>
    public int Experiments => Comparisons.Count;

    /// <summary>Trials run, warm-ups and failures included.</summary>
    public int Trials => Comparisons.Sum(c => c.TrialsRun);

    /// <summary>Wall-clock time.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The experiment budget per culprit, ⌈log2(commits)⌉ + 3.</summary>
    public int BudgetPerCulprit => BisectBudget.PerCulprit(Commits);

    /// <summary>Things the reader should know: phases that moved when the metric did not, decisions that needed repeats.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
