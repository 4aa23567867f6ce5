namespace AiLab.Outputs.Revisions;

/// <summary>Materialises a revision of a repository for a node to run from; tests swap in a fake.</summary>
public interface IRevisionCheckout
{
    /// <summary>The checkout of <paramref name="revision"/> (built with <paramref name="build"/> when given).</summary>
    /// <exception cref="OutputsInputException">The revision names no commit, or the repository is not one.</exception>
    /// <exception cref="NodeFailedException">The build failed (named as <paramref name="node"/>'s failure).</exception>
    RevisionTree Checkout(
        string repository, string revision, string? build, string node, CancellationToken cancellation);
}
