using System.Diagnostics;

namespace AiLab.Server.Tests.Fixtures;

/// <summary>The fixture's workload: a torch-free training launcher that marks the phases of the PyTorch example
/// (imports, config_validation, preprocessing, model_build, first_batch) through the shipped Python probe, in a git
/// history of four commits where the third adds 120 ms to config validation.</summary>
internal static class FixtureRepository
{
    /// <summary>The workflow's command.</summary>
    public const string Run = "/usr/bin/python3 -S train.py";

    /// <summary>Author of the culprit commit, as the bisection page must show it.</summary>
    public const string CulpritAuthor = "Casey Culprit";

    /// <summary>Subject of the culprit commit.</summary>
    public const string CulpritSubject = "Validate the config against the remote schema";

    private const string Launcher = """
        "Fixture launcher: the phases of a training job."
        import time
        from ailab_probe import mark
        mark("imports")
        time.sleep({0})
        mark("config_validation")
        time.sleep(0.03)
        mark("preprocessing")
        time.sleep(0.03)
        mark("model_build")
        time.sleep(0.005)
        mark("first_batch")
        """;

    /// <summary>Creates the repository in <paramref name="path"/>; returns its commits, oldest first.</summary>
    public static IReadOnlyList<string> Create(string path)
    {
        Directory.CreateDirectory(path);
        Git(path, null, "init", "-q", "-b", "main");
        var commits = new List<string>
        {
            Commit(path, "Add the launcher", ("train.py", string.Format(System.Globalization.CultureInfo.InvariantCulture, Launcher, "0.03"))),
            Commit(path, "Document the launcher", ("README", "A fixture.\n")),
            Commit(path, CulpritSubject, ("train.py", string.Format(System.Globalization.CultureInfo.InvariantCulture, Launcher, "0.15")), CulpritAuthor),
            Commit(path, "Document the schema check", ("README", "A fixture.\nIt validates its config.\n")),
        };
        return commits;
    }

    private static string Commit(string repo, string subject, (string Name, string Content) file, string author = "Ada Baseline")
    {
        File.WriteAllText(Path.Combine(repo, file.Name), file.Content);
        Git(repo, null, "add", "-A");
        Git(repo, author, "commit", "-q", "--no-gpg-sign", "-m", subject);
        return Git(repo, null, "rev-parse", "HEAD");
    }

    /// <summary>Commits one more line of the README (a change that touches no workload code); returns its
    /// commit.</summary>
    internal static string CommitReadmeLine(string repo, string subject)
    {
        File.AppendAllText(Path.Combine(repo, "README"), "More.\n");
        Git(repo, null, "add", "-A");
        Git(repo, null, "commit", "-q", "--no-gpg-sign", "-m", subject);
        return Git(repo, null, "rev-parse", "HEAD");
    }

    internal static string Git(string repo, string? author, params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var name = author ?? "Ada Baseline";
        var email = name.Split(' ')[0].ToLowerInvariant() + "@example.com";
        info.Environment["GIT_AUTHOR_NAME"] = name;
        info.Environment["GIT_AUTHOR_EMAIL"] = email;
        info.Environment["GIT_COMMITTER_NAME"] = name;
        info.Environment["GIT_COMMITTER_EMAIL"] = email;
        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {stderr}");
        return stdout.Trim();
    }
}
