using System.Globalization;

namespace AiLab.Execution.Git;

/// <summary>A git work tree, read through the git command line. Nothing here changes the user's working tree or
/// index.</summary>
public sealed class GitRepository
{
    /// <summary>A repository rooted at <paramref name="path"/>, taken on trust; <see cref="Open"/> checks it.</summary>
    public GitRepository(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Root = Path.GetFullPath(path);
    }

    /// <summary>Absolute path of the work tree's top directory.</summary>
    public string Root { get; }

    /// <summary>Opens the work tree that contains <paramref name="path"/> (which may be a subdirectory of it).
    /// </summary>
    /// <exception cref="GitException"><paramref name="path"/> does not exist or is not inside a git work tree.
    /// </exception>
    public static GitRepository Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
            throw new GitException($"{full} does not exist; the repository must be a directory with a git work tree");

        var output = GitCli.Run(full, "rev-parse", "--is-inside-work-tree", "--show-toplevel");
        var lines = output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (output.ExitCode != 0 || lines.Length != 2 || lines[0] != "true")
        {
            var why = output.ExitCode != 0 ? output.Message : "it is a .git directory or a bare repository";
            throw new GitException($"{full} is not a git work tree ({why}); give the directory of a clone")
            {
                ExitCode = output.ExitCode,
                GitMessage = output.Stderr,
            };
        }

        return new GitRepository(lines[1]);
    }

    /// <summary>The full sha of the commit <paramref name="rev"/> names (a branch, tag, sha prefix, <c>HEAD~1</c>,
    /// ...).</summary>
    /// <exception cref="UnknownRevisionException"><paramref name="rev"/> names no commit here.</exception>
    public string ResolveCommit(string rev) => Peel(rev, "commit");

    /// <summary>The sha of the tree (the content) of <paramref name="commit"/>; commits with equal trees have equal
    /// files.</summary>
    /// <exception cref="UnknownRevisionException"><paramref name="commit"/> names no commit here.</exception>
    public string TreeOf(string commit) => Peel(ResolveCommit(commit), "tree");

    /// <summary>Author, date and subject of a commit.</summary>
    /// <exception cref="UnknownRevisionException"><paramref name="sha"/> names no commit here.</exception>
    public CommitInfo GetCommit(string sha)
    {
        var commit = ResolveCommit(sha);
        var text = GitCli.RunChecked(Root,
            "-c", "log.showSignature=false", "-c", "i18n.logOutputEncoding=UTF-8",
            "show", "-s", "--no-color", "--format=%H%x00%an%x00%ae%x00%aI%x00%s", commit);
        var fields = text.Split('\0');
        if (fields.Length != 5)
            throw new GitException($"unexpected output of `git show` for {commit} in {Root}: '{text}'");
        var date = DateTimeOffset.Parse(fields[3], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        return new CommitInfo(fields[0], fields[1], fields[2], date, fields[4]);
    }

    /// <summary>The commits on <paramref name="bad"/>'s first-parent line after <paramref name="good"/>, oldest first:
    /// <paramref name="good"/> excluded, <paramref name="bad"/> included. Merged branches count as their merge commit,
    /// which is what bisection over a mainline wants.</summary>
    /// <exception cref="UnknownRevisionException">Either revision names no commit.</exception>
    /// <exception cref="GitException"><paramref name="good"/> is not an ancestor of <paramref name="bad"/>.</exception>
    public IReadOnlyList<string> FirstParentRange(string good, string bad)
    {
        var goodSha = ResolveCommit(good);
        var badSha = ResolveCommit(bad);
        var ancestry = GitCli.Run(Root, "merge-base", "--is-ancestor", goodSha, badSha);
        if (ancestry.ExitCode == 1)
            throw new GitException(
                $"'{good}' ({goodSha[..12]}) is not an ancestor of '{bad}' ({badSha[..12]}) in {Root}; "
                + "the good revision must come before the bad one");
        if (ancestry.ExitCode != 0)
            throw GitCli.Failure(Root, ["merge-base", "--is-ancestor", goodSha, badSha], ancestry);

        var list = GitCli.RunChecked(Root, "rev-list", "--first-parent", "--reverse", badSha, "^" + goodSha);
        return list.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The repository-relative paths that differ between <paramref name="baseRev"/> and
    /// <paramref name="headRev"/> (added, modified, deleted; both sides of a rename), sorted.</summary>
    /// <exception cref="UnknownRevisionException">Either revision names no commit.</exception>
    public IReadOnlyList<string> ChangedFiles(string baseRev, string headRev)
    {
        var from = ResolveCommit(baseRev);
        var to = ResolveCommit(headRev);
        var output = GitCli.RunChecked(Root, "diff", "--name-only", "--no-renames", "-z", from, to);
        return [.. output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
    }

    /// <summary>The tags matching the glob <paramref name="pattern"/> (e.g. <c>v*</c>, <c>*-rc*</c>) with the commit
    /// each names (annotated tags peeled), in history order: by the commit's depth (commits reachable from it), then
    /// by the tag's creation date for tags on one commit. Dates alone mislead: a lightweight tag's date is its
    /// commit's,
    /// an annotated tag's the moment it was made.</summary>
    public IReadOnlyList<(string Tag, string Commit)> Tags(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var output = GitCli.RunChecked(Root, "for-each-ref", "--sort=creatordate",
            "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)", "refs/tags/" + pattern);
        var tags = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var f = line.Split('\0');
            return (Tag: f[0], Commit: f.Length > 2 && f[2].Length > 0 ? f[2] : f[1]);
        }).ToList();
        var depth = tags.Select(t => t.Commit).Distinct(StringComparer.Ordinal).ToDictionary(
            c => c, c => long.Parse(GitCli.RunChecked(Root, "rev-list", "--count", c).Trim(),
                CultureInfo.InvariantCulture),
            StringComparer.Ordinal);
        // OrderBy is stable: tags on one commit keep their creation order.
        return [.. tags.OrderBy(t => depth[t.Commit])];
    }

    private string Peel(string rev, string type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rev);
        // --end-of-options: a revision that starts with '-' is a name to look up, never an option.
        var output = GitCli.Run(Root, "rev-parse", "--verify", "--end-of-options", $"{rev}^{{{type}}}");
        if (output.ExitCode == 0)
            return output.Stdout.Trim();
        if (output.Stderr.Contains("not a git repository", StringComparison.Ordinal) || !Directory.Exists(Root))
            throw GitCli.Failure(Root, ["rev-parse", rev], output);
        throw new UnknownRevisionException(rev, Root, output.Message)
        {
            ExitCode = output.ExitCode, GitMessage = output.Stderr,
        };
    }
}
