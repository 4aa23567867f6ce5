namespace AiLab.Execution.Git;

/// <summary>Who made a commit, when, and what it says it does: what a culprit report shows.</summary>
/// <param name="Sha">Full commit sha.</param>
/// <param name="Author">Author name.</param>
/// <param name="AuthorEmail">Author e-mail, the address a regression notice goes to.</param>
/// <param name="Date">Author date, with the author's offset.</param>
/// <param name="Subject">First line of the message.</param>
public sealed record CommitInfo(string Sha, string Author, string AuthorEmail, DateTimeOffset Date, string Subject);
