using System.Diagnostics;

namespace AiLab.Server.Tests.Fixtures;

/// <summary>Runs the real <c>ailab</c> (the ailab.dll the project reference copies next to the tests) as a process.</summary>
internal static class Cli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);

    /// <summary>Runs <c>ailab ARGS</c> in <paramref name="workingDirectory"/>; fails with its stderr unless it exits 0.</summary>
    public static async Task<string> RunAsync(string workingDirectory, string home, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ailab.dll");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var name in new[] { "AILAB_EVENTS", "AILAB_DEBUG", "AILAB_AUTO" }) info.Environment.Remove(name);
        info.Environment["AILAB_HOME"] = home;
        // No per-core speed calibration: the fixture needs real experiments, not the steadiest cores.
        info.Environment["AILAB_CPUS"] = "none";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ailab {string.Join(' ', args)} ran past {Timeout}: {await stderr}");
        }

        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ailab {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
