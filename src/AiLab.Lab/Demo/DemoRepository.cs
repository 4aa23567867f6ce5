using System.Diagnostics;

namespace AiLab.Lab.Demo;

/// <summary>Builds the demo's git repository from the shipped PyTorch example: a first commit with the training
/// launcher, and a second that "ships the config to the log collector asynchronously" — a call that looks
/// asynchronous but waits for its background thread, so config validation gets slower.</summary>
public static class DemoRepository
{
    /// <summary>Subject of the candidate commit, as the demo's report quotes it.</summary>
    public const string CandidateSubject = "Ship the run config to the log collector asynchronously";

    /// <summary>Files of the example that go into the first commit.</summary>
    private static readonly string[] BaselineFiles = ["train.py", "config.json"];

    /// <summary>Creates the repository in <paramref name="directory"/> (which must not exist or be empty) from the
    /// example folder <paramref name="exampleDirectory"/>.</summary>
    /// <exception cref="InvalidOperationException">The example is incomplete or git failed; the message says why.</exception>
    public static void Create(string exampleDirectory, string directory)
    {
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new InvalidOperationException(
                $"demo directory {directory} is not empty: the demo needs a new or empty directory");
        }

        Directory.CreateDirectory(directory);
        Git(directory, "init", "-q", "-b", "main");
        foreach (var file in BaselineFiles) File.Copy(Path.Combine(exampleDirectory, file), Path.Combine(directory, file));
        Git(directory, "add", "-A");
        Commit(directory, "Ada Baseline", "ada@example.com", "Add the PyTorch training launcher");

        File.Copy(Path.Combine(exampleDirectory, "telemetry_blocking.py"), Path.Combine(directory, "telemetry_blocking.py"));
        var trainPath = Path.Combine(directory, "train.py");
        File.WriteAllText(trainPath, AddBlockingTelemetry(File.ReadAllText(trainPath)));
        Git(directory, "add", "-A");
        Commit(directory, "Casey Candidate", "casey@example.com", CandidateSubject);
    }

    /// <summary>The candidate's change to train.py: import the telemetry module and call it first thing in
    /// <c>validate_config</c>.</summary>
    public static string AddBlockingTelemetry(string train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var lines = train.Split('\n').ToList();
        var def = lines.FindIndex(l => l.StartsWith("def validate_config(", StringComparison.Ordinal));
        if (def < 0) throw new InvalidOperationException("the example's train.py has no 'def validate_config(' for the demo to patch");
        // The body starts after the line that closes the signature, which may span lines ("def f(\n    cfg,\n):").
        var body = def;
        while (body < lines.Count - 1 && !EndsSignature(lines[body])) body++;
        body++;
        if (body >= lines.Count) throw new InvalidOperationException("the example's validate_config has no body for the demo to patch");
        var indent = new string(' ', lines[body].Length - lines[body].TrimStart().Length);
        var trimmed = lines[body].TrimStart();
        if (trimmed.StartsWith("\"\"\"", StringComparison.Ordinal))
        {
            var closesOnSameLine = trimmed.Length > 6 && trimmed.TrimEnd().EndsWith("\"\"\"", StringComparison.Ordinal);
            if (!closesOnSameLine)
                do body++; while (body < lines.Count && !lines[body].Contains("\"\"\"", StringComparison.Ordinal));
            body++;
        }

        lines.Insert(body, indent + "telemetry_blocking.log_config(cfg)  # ship the config to the log collector (async)");
        var firstImport = lines.FindIndex(l =>
            l.StartsWith("import ", StringComparison.Ordinal) ||
            (l.StartsWith("from ", StringComparison.Ordinal) && !l.StartsWith("from __future__", StringComparison.Ordinal)));
        lines.Insert(firstImport < 0 ? 0 : firstImport, "import telemetry_blocking");
        return string.Join('\n', lines);
    }

    private static bool EndsSignature(string line)
    {
        var comment = line.IndexOf('#', StringComparison.Ordinal);
        return (comment < 0 ? line : line[..comment]).TrimEnd().EndsWith(':');
    }

    private static void Commit(string directory, string author, string email, string subject) =>
        Git(directory, "-c", $"user.name={author}", "-c", $"user.email={email}", "commit", "-q", "--no-gpg-sign", "-m", subject);

    private static void Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start git");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed in {directory}: {stderr.Result.Trim()}");
    }
}
