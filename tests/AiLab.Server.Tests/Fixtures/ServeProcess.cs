using System.Diagnostics;

namespace AiLab.Server.Tests.Fixtures;

/// <summary>Starts the real <c>ailab serve</c> as a process (the ailab.dll next to the tests) and waits for the
/// address it prints; the tests kill it (SIGKILL is what the restart test is about).</summary>
internal static class ServeProcess
{
    /// <summary>Runs <c>ailab serve ARGS</c> in <paramref name="workingDirectory"/> with <paramref name="home"/> as
    /// AILAB_HOME and no per-core calibration; returns the process and the address it listens on.</summary>
    public static async Task<(Process Process, Uri Address)> StartAsync(string workingDirectory, string home,
        params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true,
            RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ailab.dll"));
        info.ArgumentList.Add("serve");
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["AILAB_HOME"] = home;
        info.Environment["AILAB_CPUS"] = "none";
        foreach (var name in new[] { "AILAB_EVENTS", "AILAB_DEBUG" }) info.Environment.Remove(name);
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var line = await process.StandardOutput.ReadLineAsync(cancel.Token);
        Assert.False(string.IsNullOrEmpty(line), "ailab serve printed no address");
        return (process, new Uri(line!));
    }

    /// <summary>Polls <paramref name="probe"/> every 250 ms until it gives a value; fails after five minutes naming
    /// <paramref name="what"/> it waited for.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (await probe() is { } value) return value;
            await Task.Delay(250);
        }

        throw new TimeoutException($"waited 5 minutes for {what}");
    }
}
