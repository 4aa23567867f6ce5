using AiLab.Execution.Git;

namespace AiLab.Lab.Bisection;

/// <summary>Who made a commit and what it changed, for the culprit report.</summary>
public interface ICommitLookup
{
    /// <summary>Author, date and subject of <paramref name="commit"/>.</summary>
    CommitInfo Describe(string commit);

    /// <summary>Files and lines <paramref name="commit"/> changed; null when unknown.</summary>
    DiffStat? DiffStatOf(string commit);
}
