namespace AiLab.Execution.Git;

/// <summary>A revision that does not name a commit in the repository (a typo, an unfetched branch, a tree or blob).</summary>
public sealed class UnknownRevisionException(string revision, string repositoryRoot, string gitMessage)
    : GitException($"unknown revision '{revision}' in {repositoryRoot}: {gitMessage}; `git log --oneline` there lists the commits")
{
    /// <summary>The revision as given.</summary>
    public string Revision { get; } = revision;

    /// <summary>The repository it was looked up in.</summary>
    public string RepositoryRoot { get; } = repositoryRoot;
}
