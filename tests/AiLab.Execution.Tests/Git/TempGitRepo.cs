using System.Diagnostics;

namespace AiLab.Execution.Tests.Git;

/// <summary>A real git repository in a fresh temp directory, isolated from the machine's git configuration.</summary>
internal sealed class TempGitRepo : IDisposable
{
    public TempGitRepo()
    {
        Parent = Directory.CreateTempSubdirectory("ailab-git-").FullName;
        Path = System.IO.Path.Combine(Parent, "repo");
        Directory.CreateDirectory(Path);
        Git("init", "--quiet", "--initial-branch=main");
    }

    /// <summary>A directory beside the repository for test files (counters, caches) that must not show in it.</summary>
    public string Parent { get; }

    public string Path { get; }

    public string Outside(string name) => System.IO.Path.Combine(Parent, name);

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
        Git("commit", "--quiet", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD");
    }

    /// <summary>Runs git in the repository with a fixed identity; fails the test on a non-zero exit.</summary>
    public string Git(params string[] args)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])["-c", "user.name=Ada Lovelace", "-c", "user.email=ada@example.org", .. args])
            info.ArgumentList.Add(arg);
        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_AUTHOR_DATE"] = "2026-03-04T05:06:07+01:00";
        info.Environment["GIT_COMMITTER_DATE"] = "2026-03-04T05:06:07+01:00";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)} exited with {process.ExitCode}: {stderr.Result}");
        return stdout.TrimEnd('\n');
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Parent, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing a test over.
        }
    }
}
