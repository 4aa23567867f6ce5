using System.Diagnostics;

namespace AiLab.EndToEnd.Tests.Harness;

/// <summary>A real git repository in a temp folder, with commits made by the test.</summary>
internal sealed class GitRepo
{
    public GitRepo(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
        Git("init", "--quiet", "--initial-branch=main");
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="files"/>, stages everything and commits; returns the new commit's sha.</summary>
    public string Commit(string message, IReadOnlyDictionary<string, string> files)
    {
        foreach (var (name, content) in files) File.WriteAllText(System.IO.Path.Combine(Path, name), content.ReplaceLineEndings("\n"));
        Git("add", "--all");
        Git("commit", "--quiet", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    /// <summary>Runs git in the repository with a fixed identity; a failure fails the test with git's stderr.</summary>
    public string Git(params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", "user.name=E2E Tester", "-c", "user.email=e2e@example.com", "-c", "commit.gpgsign=false" }.Concat(args))
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)} exited with {process.ExitCode}: {stderr.Result}");
        return stdout;
    }
}
