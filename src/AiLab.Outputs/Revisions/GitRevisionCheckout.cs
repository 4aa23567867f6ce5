using AiLab.Execution.Git;

namespace AiLab.Outputs.Revisions;

/// <summary>Checks revisions out the way <c>ailab ab</c> prepares its variants: a git worktree per source tree in the
/// lab's build cache, built once by the DAG's <c>build:</c> command and reused while the tree is unchanged.</summary>
/// <param name="buildsRoot">The build cache's folder (<c>$AILAB_HOME/builds</c>).</param>
public sealed class GitRevisionCheckout(string buildsRoot) : IRevisionCheckout
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    /// <inheritdoc />
    public RevisionTree Checkout(
        string repository, string revision, string? build, string node, CancellationToken cancellation)
    {
        GitRepository repo;
        string commit;
        try
        {
            repo = GitRepository.Open(repository);
            commit = repo.ResolveCommit(revision);
        }
        catch (GitException e)
        {
            throw new OutputsInputException(
                $"node '{node}@{revision}': {e.Message}. Name a branch, tag or commit of {repository} "
                + "(set 'repository:' in the DAG for another one).");
        }

        var result = new BuildCache(buildsRoot).Prepare(repo, commit, build, NoEnvironment, cancellation);
        if (!result.Succeeded)
            throw new NodeFailedException($"{node}@{revision}", null,
                $"the build of commit {commit[..12]} failed ({result.Reason}); its log: {result.BuildLogPath}.");
        return new RevisionTree(repo.Root, result.Directory, commit);
    }
}
