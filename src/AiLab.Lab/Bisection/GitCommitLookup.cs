using AiLab.Execution.Git;

namespace AiLab.Lab.Bisection;

/// <summary>Commit details read from a real repository.</summary>
public sealed class GitCommitLookup(GitRepository repository) : ICommitLookup
{
    /// <inheritdoc />
    public CommitInfo Describe(string commit) => repository.GetCommit(commit);

    /// <inheritdoc />
    public DiffStat? DiffStatOf(string commit) => repository.GetDiffStat(commit);
}
