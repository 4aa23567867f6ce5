using System.Diagnostics;

namespace AiLab.Storage.Tests;

/// <summary>Runs a program to completion and returns its stdout; a non-zero exit fails the test with its stderr.</summary>
internal static class Shell
{
    public static string Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {stderr.Result}");
        return stdout;
    }
}
