using System.Diagnostics;

namespace AiLab.Testing;

/// <summary>A real git repository in a fresh temp directory, isolated from the machine's git configuration.</summary>
/// <remarks>Commits carry a fixed identity and a fixed date (2026-03-04T05:06:07+01:00), so tests can assert on
/// them.</remarks>
public sealed class TempGitRepo : IDisposable
{
    /// <summary>The author and committer date of every commit made through <see cref="Git"/>.</summary>
    public const string CommitDate = "2026-03-04T05:06:07+01:00";

    private readonly TempDirectory _parent = new("ailab-git-");

    /// <summary>Creates and initialises the repository (branch <c>main</c>).</summary>
    public TempGitRepo()
    {
        Path = _parent.Combine("repo");
        Directory.CreateDirectory(Path);
        Git("init", "--quiet", "--initial-branch=main");
    }

    /// <summary>A directory beside the repository for test files (counters, caches) that must not show in it.</summary>
    public string Parent => _parent.Path;

    /// <summary>The repository's working tree.</summary>
    public string Path { get; }

    /// <summary>A path beside the repository (for caches and databases that must not show in it).</summary>
    public string Outside(string name) => _parent.Combine(name);

    /// <summary>Writes the files, commits them all and returns the new commit's sha.</summary>
    public string Commit(string message, params (string Name, string Content)[] files)
    {
        foreach (var (name, content) in files)
        {
            var path = System.IO.Path.Combine(Path, name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            System.IO.File.WriteAllText(path, content);
        }

        Git("add", "--all");
        Git("commit", "--quiet", "--allow-empty", "--no-gpg-sign", "-m", message);
        return Git("rev-parse", "HEAD");
    }

    /// <summary>Runs git in the repository with a fixed identity and date; fails the test on a non-zero exit.</summary>
    public string Git(params string[] args) => Run(Path, args, CommitDate);

    /// <summary>Runs git in <paramref name="directory"/> with a fixed identity, without the machine's
    /// configuration.</summary>
    public static string GitIn(string directory, params string[] args) => Run(directory, args, date: null);

    /// <inheritdoc/>
    public void Dispose() => _parent.Dispose();

    private static string Run(string directory, string[] args, string? date)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])["-c", "user.name=Ada Lovelace", "-c", "user.email=ada@example.org", .. args])
            info.ArgumentList.Add(arg);
        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        if (date is not null)
        {
            info.Environment["GIT_AUTHOR_DATE"] = date;
            info.Environment["GIT_COMMITTER_DATE"] = date;
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0,
            $"git {string.Join(' ', args)} exited with {process.ExitCode}: {stderr.Result}");
        return stdout.TrimEnd('\n');
    }
}
