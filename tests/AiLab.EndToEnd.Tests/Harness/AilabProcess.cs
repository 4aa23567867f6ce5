using System.Diagnostics;

namespace AiLab.EndToEnd.Tests.Harness;

/// <summary>Starts the real CLI as its own process: <c>dotnet ailab.dll ARGS</c>, with the build output the project
/// reference copies next to the test assembly.</summary>
internal static class AilabProcess
{
    /// <summary>Longest any single command may take before the test kills it and fails.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The CLI's entry assembly.</summary>
    public static string DllPath { get; } = Locate();

    /// <summary>Starts <c>ailab ARGS</c> in <paramref name="workingDirectory"/> with <paramref name="environment"/>
    /// on top of the test's own environment.</summary>
    public static RunningAilab Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, IReadOnlyList<string> args)
    {
        // Started through a tiny trampoline that restores SIGINT's default before exec'ing dotnet (same pid): a suite
        // launched in the background (nohup, a CI runner's job) inherits SIGINT as ignored, and .NET, like a shell,
        // keeps ignoring a signal that was ignored at start — the Ctrl-C tests would then test nothing.
        var info = new ProcessStartInfo("/usr/bin/python3")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])");
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(DllPath);
        foreach (var arg in args) info.ArgumentList.Add(arg);

        // A variable of the test runner's own must not leak into the CLI's trials or change its defaults.
        foreach (var name in new[] { "AILAB_EVENTS", "AILAB_DEBUG", "AILAB_AUTO", "AILAB_HOME", "AILAB_CPUS" }) info.Environment.Remove(name);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment)
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }

        return new RunningAilab(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"), args);
    }

    private static string Locate()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "ailab.dll");
        if (!File.Exists(path) || !File.Exists(Path.Combine(AppContext.BaseDirectory, "ailab.runtimeconfig.json")))
            throw new InvalidOperationException($"ailab.dll (with its runtimeconfig) is not next to the tests in {AppContext.BaseDirectory}; the project reference to AiLab.Cli should copy it");
        return path;
    }
}
