using System.Diagnostics;

namespace AiLab.Probe.Tests;

/// <summary>Runs a child process to completion with captured output; kills it (and its children) past the timeout.</summary>
public sealed record ProcessRun(int ExitCode, string Stdout, string Stderr)
{
    public static ProcessRun Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // `dotnet test` leaves MSBuild settings in our environment that would steer a nested build or run astray.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment.Remove(AiLabProbe.EventsVariable);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{fileName} {string.Join(' ', info.ArgumentList)} ran past {timeout}; stderr: {stderr.Result}");
        }

        process.WaitForExit();
        return new ProcessRun(process.ExitCode, stdout.Result, stderr.Result);
    }
}
