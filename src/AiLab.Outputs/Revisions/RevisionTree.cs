namespace AiLab.Outputs.Revisions;

/// <summary>A revision checked out: where its files are, and which commit it is.</summary>
/// <param name="RepositoryRoot">The top of the repository the revision belongs to.</param>
/// <param name="Directory">The revision's own work tree.</param>
/// <param name="Commit">The full commit sha.</param>
public sealed record RevisionTree(string RepositoryRoot, string Directory, string Commit);
