namespace AiLab.Lab.Bisection;

/// <summary>What bisection just did, for live progress on stderr.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Message">One line a person can follow: the step, the commits, the verdict.</param>
/// <param name="Comparison">The comparison that finished, for <see cref="BisectProgressKind.ComparisonFinished"/>.</param>
public sealed record BisectProgress(BisectProgressKind Kind, string Message, RevisionComparison? Comparison = null);

/// <summary>Kinds of bisection progress.</summary>
public enum BisectProgressKind
{
    /// <summary>An A/B experiment between two commits started.</summary>
    ComparisonStarted,

    /// <summary>It finished (with a verdict, or a side that failed).</summary>
    ComparisonFinished,

    /// <summary>What a step concluded: where the change lies now.</summary>
    Step,

    /// <summary>A commit could not be built or run and is skipped.</summary>
    Skipped,

    /// <summary>A culprit was found and verified.</summary>
    Culprit,

    /// <summary>A range could not be narrowed further; no commit is blamed for it.</summary>
    Unresolved,
}
