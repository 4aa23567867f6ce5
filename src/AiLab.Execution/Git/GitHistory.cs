using System.Globalization;

namespace AiLab.Execution.Git;

/// <summary>Read-only history queries bisection needs beyond <see cref="GitRepository"/>'s revision resolution.</summary>
public static class GitHistory
{
    /// <summary>The diff stat of <paramref name="commit"/> against its first parent (against the empty tree for a root commit).</summary>
    /// <exception cref="UnknownRevisionException"><paramref name="commit"/> names no commit here.</exception>
    public static DiffStat GetDiffStat(this GitRepository repository, string commit)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var sha = repository.ResolveCommit(commit);
        // --first-parent with -m: a merge is shown against the mainline it joined, as first-parent bisection sees it.
        var text = GitCli.RunChecked(repository.Root,
            "-c", "log.showSignature=false", "show", "--no-color", "--format=", "--numstat", "-z", "--first-parent", "-m", "--no-renames", sha);
        int insertions = 0, deletions = 0;
        var files = new List<string>();
        // -z numstat: "ADDED\tDELETED\tPATH\0" per file; binary files have "-" for both counts.
        foreach (var record in text.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = record.Trim('\n').Split('\t', 3);
            if (fields.Length != 3) continue;
            insertions += int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var added) ? added : 0;
            deletions += int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var removed) ? removed : 0;
            files.Add(fields[2]);
        }

        return new DiffStat(files.Count, insertions, deletions, files);
    }
}
