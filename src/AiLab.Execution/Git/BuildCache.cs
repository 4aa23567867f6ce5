using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace AiLab.Execution.Git;

/// <summary>Checked-out and built source trees, one directory per (tree, build command, environment), each built once.
/// Entries are detached git worktrees, so the user's own working tree and index are never touched.</summary>
/// <remarks>Layout under <see cref="Root"/>: <c>KEY/</c> the work tree, <c>KEY.build.log</c>, <c>KEY.ok</c> written only
/// after a successful build (so an interrupted or failed build is redone), <c>KEY.lock</c> held while preparing.</remarks>
public sealed class BuildCache
{
    private readonly BuildCacheOptions _options;

    /// <summary>A cache in <paramref name="root"/> (e.g. <c>~/.ailab/builds</c>), created when first used.</summary>
    public BuildCache(string root, BuildCacheOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        _options = options ?? new BuildCacheOptions();
    }

    /// <summary>The cache's directory.</summary>
    public string Root { get; }

    /// <summary>The cache key: hex sha256 of the tree sha, the build command and the environment sorted by name.
    /// The commit is deliberately left out, so a commit that changes no file reuses its parent's build.</summary>
    public static string ComputeKey(string tree, string? buildCommand, IReadOnlyDictionary<string, string> environment, string? isolation = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tree);
        ArgumentNullException.ThrowIfNull(environment);
        // Length prefixes keep distinct inputs distinct ("a=b" + "c" never reads as "a" + "b=c").
        var text = new StringBuilder().Append("tree ").Append(tree).Append('\n');
        text.Append("build ").Append(buildCommand is null ? "-" : $"{buildCommand.Length}:{buildCommand}").Append('\n');
        foreach (var (name, value) in environment.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            text.Append("env ").Append(name.Length).Append(':').Append(name).Append(value.Length).Append(':').Append(value).Append('\n');
        if (isolation is not null) text.Append("isolation ").Append(isolation.Length).Append(':').Append(isolation).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Materializes <paramref name="commit"/> of <paramref name="repo"/> and runs <paramref name="buildCommand"/>
    /// in it once, or returns the entry already built for the same tree, command and environment.</summary>
    /// <remarks>An <c>isolation</c> value makes the entry private to it (e.g. a confirmation's experiment id): a fresh
    /// worktree and build that share nothing with the entry other experiments use.</remarks>
    /// <returns>The entry; a failed or timed-out build comes back with <see cref="BuildResult.Succeeded"/> false.</returns>
    /// <exception cref="UnknownRevisionException"><paramref name="commit"/> names no commit.</exception>
    /// <exception cref="GitException">git could not create the worktree.</exception>
    /// <exception cref="TimeoutException">Another process held the entry past <see cref="BuildCacheOptions.LockTimeout"/>.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the entry is left to be redone.</exception>
    public BuildResult Prepare(GitRepository repo, string commit, string? buildCommand,
        IReadOnlyDictionary<string, string> env, CancellationToken ct, string? isolation = null)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(env);
        var stopwatch = Stopwatch.StartNew();
        var sha = repo.ResolveCommit(commit);
        var key = ComputeKey(repo.TreeOf(sha), buildCommand, env, isolation);
        var entry = new Entry(Path.Combine(Root, key), buildCommand is null);

        if (entry.IsComplete)
            return entry.Result(key, reused: true, stopwatch.Elapsed);

        AiLab.Core.Security.PrivateFiles.CreateDirectory(Root);
        using (BuildLock.Acquire(entry.LockPath, _options.LockTimeout, _options.LockRetryInterval, ct))
        {
            // Whoever held the lock before us may have built it.
            if (entry.IsComplete)
                return entry.Result(key, reused: true, stopwatch.Elapsed);

            File.Delete(entry.MarkerPath);
            Materialize(repo, sha, entry.Directory);
            if (buildCommand is not null)
            {
                var outcome = ShellBuild.Run(buildCommand, entry.Directory, env, entry.LogPath, _options.BuildTimeout, ct);
                if (outcome.ExitCode != 0)
                    return entry.Result(key, reused: false, stopwatch.Elapsed, Explain(outcome, entry.LogPath));
            }

            WriteMarker(entry.MarkerPath, sha, buildCommand);
            return entry.Result(key, reused: false, stopwatch.Elapsed);
        }
    }

    private static void Materialize(GitRepository repo, string sha, string directory)
    {
        // Leftovers of a failed or interrupted build go; a directory deleted by hand leaves a registration to prune.
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        GitCli.RunChecked(repo.Root, "worktree", "prune");
        // Hooks off: a post-checkout hook of the user's could act on their own working tree.
        GitCli.RunChecked(repo.Root, "-c", "core.hooksPath=/dev/null",
            "worktree", "add", "--detach", "--force", "--quiet", directory, sha);
    }

    private string Explain(ShellBuild.Outcome outcome, string logPath)
    {
        var how = outcome.TimedOut
            ? $"the build command ran past its timeout of {_options.BuildTimeout} and was killed"
            : $"the build command exited with code {outcome.ExitCode}";
        return $"{how}; last lines of {logPath}:\n{Tail(logPath, _options.ReasonLogLines)}";
    }

    private static string Tail(string path, int lines)
    {
        const int maxBytes = 64 * 1024;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Max(0, stream.Length - maxBytes), SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var all = reader.ReadToEnd().TrimEnd('\n').Split('\n');
        return string.Join('\n', all.TakeLast(lines));
    }

    private static void WriteMarker(string path, string sha, string? buildCommand)
    {
        // Written whole then renamed: a crash mid-write must not leave a marker that claims a finished build.
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, $"commit {sha}\nbuild {buildCommand ?? "-"}\nat {DateTimeOffset.UtcNow:O}\n");
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The files of one cache entry.</summary>
    private sealed record Entry(string Directory, bool NoBuild)
    {
        public string MarkerPath => Directory + ".ok";

        public string LogPath => Directory + ".build.log";

        public string LockPath => Directory + ".lock";

        // The work tree's .git file must still be there too: a directory deleted by hand means a rebuild.
        public bool IsComplete => File.Exists(MarkerPath) && File.Exists(Path.Combine(Directory, ".git"));

        public BuildResult Result(string key, bool reused, TimeSpan duration, string? failure = null) =>
            new(failure is null, Directory, key, reused, NoBuild ? null : LogPath, duration, failure);
    }
}
