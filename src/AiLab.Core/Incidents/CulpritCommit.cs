namespace AiLab.Core.Incidents;

/// <summary>The commit an incident blames, as its author will recognise it.</summary>
/// <param name="Sha">Full commit sha.</param>
/// <param name="AuthorName">Author name.</param>
/// <param name="AuthorEmail">Author e-mail: where the notice goes.</param>
/// <param name="Subject">First line of the commit message.</param>
/// <param name="DiffStat">The <c>git diff --stat</c> of the commit; null when it was not collected.</param>
public sealed record CulpritCommit(string Sha, string AuthorName, string AuthorEmail, string Subject, string? DiffStat)
{
    /// <summary>The first 12 characters of the sha, as reports show it.</summary>
    public string ShortSha => Sha.Length > 12 ? Sha[..12] : Sha;
}
