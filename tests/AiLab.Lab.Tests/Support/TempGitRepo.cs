using System.Diagnostics;

namespace AiLab.Lab.Tests.Support;

/// <summary>A real git repository in a fresh temp directory, isolated from the machine's git configuration.</summary>
internal sealed class TempGitRepo : IDisposable
{
    private readonly TempDirectory _parent = new("ailab-lab-git-");

    public TempGitRepo()
    {
        Path = _parent.Combine("repo");
        Directory.CreateDirectory(Path);
        Git("init", "--quiet", "--initial-branch=main");
    }

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
            File.WriteAllText(path, content);
        }

        Git("add", "--all");
        Git("commit", "--quiet", "--allow-empty", "--no-gpg-sign", "-m", message);
        return Git("rev-parse", "HEAD");
    }

    /// <summary>Runs git in the repository with a fixed identity; fails the test on a non-zero exit.</summary>
    public string Git(params string[] args) => GitIn(Path, args);

    /// <summary>Runs git in <paramref name="directory"/> without the machine's configuration.</summary>
    public static string GitIn(string directory, params string[] args)
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
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)} exited with {process.ExitCode}: {stderr.Result}");
        return stdout.TrimEnd('\n');
    }

    public void Dispose() => _parent.Dispose();
}
