using System.Diagnostics;

namespace AiLab.Lab.Tests.Support;

/// <summary>Runs a real process to completion and captures what it printed.</summary>
internal static class ProcessRunner
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string fileName, params string[] args) =>
        RunWith(new Dictionary<string, string>(), null, fileName, args);

    /// <summary>Runs with extra environment variables, in <paramref name="workingDirectory"/> (or the current one).</summary>
    public static (int ExitCode, string Stdout, string Stderr) RunWith(
        IReadOnlyDictionary<string, string> environment, string? workingDirectory, string fileName, params string[] args)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        foreach (var (name, value) in environment) info.Environment[name] = value;
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} ran past 60 s");
        }

        return (process.ExitCode, stdout, stderr.Result);
    }
}
