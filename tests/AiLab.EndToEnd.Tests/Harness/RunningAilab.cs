using System.Diagnostics;

namespace AiLab.EndToEnd.Tests.Harness;

/// <summary>An <c>ailab</c> process that is still running: its output is drained as it comes, it can be sent SIGINT,
/// and it is killed (with its tree) if a test leaves it behind.</summary>
internal sealed class RunningAilab : IDisposable
{
    private readonly Process process;
    private readonly Task<string> stdout;
    private readonly Task<string> stderr;
    private readonly string commandLine;

    public RunningAilab(Process process, IReadOnlyList<string> args)
    {
        this.process = process;
        commandLine = "ailab " + string.Join(' ', args);
        process.StandardInput.Close();
        stdout = process.StandardOutput.ReadToEndAsync();
        stderr = process.StandardError.ReadToEndAsync();
    }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal would (to this process only, not to its trials' sessions).</summary>
    public void Interrupt()
    {
        var info = new ProcessStartInfo("/bin/kill") { RedirectStandardError = true };
        info.ArgumentList.Add("-INT");
        info.ArgumentList.Add(process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var kill = Process.Start(info)!;
        var error = kill.StandardError.ReadToEnd();
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"kill -INT {process.Id} failed ({kill.ExitCode}): {error}");
    }

    /// <summary>SIGKILL to the ailab process alone, as an OOM killer or <c>kill -9</c> would: no handler runs.</summary>
    public void KillHard()
    {
        try
        {
            process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own a moment before.
        }
    }

    /// <summary>Waits for the exit and returns what the process printed; fails the test past <paramref name="timeout"/>.</summary>
    public CliResult WaitForExit(TimeSpan? timeout = null)
    {
        if (!process.WaitForExit(timeout ?? AilabProcess.DefaultTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new Xunit.Sdk.XunitException($"{commandLine} did not finish within {timeout ?? AilabProcess.DefaultTimeout}; stderr so far:\n{stderr.Result}");
        }

        process.WaitForExit(); // also waits for the redirected streams to reach their end
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }
}
