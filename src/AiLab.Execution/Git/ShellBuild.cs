using System.ComponentModel;
using System.Diagnostics;
using AiLab.Core.Security;
using AiLab.Execution.Processes.Containment;

namespace AiLab.Execution.Git;

/// <summary>Runs a build command once with <c>/bin/sh -c</c>, its output going straight to a log file, contained
/// in its own cgroup where the machine allows (killed as a whole on timeout, cancellation or ailab's death).</summary>
internal static class ShellBuild
{
    // The shell opens the log itself: output keeps its order, and a daemon the build leaves running cannot hold
    // a pipe of ours open and hang us. $0 is the log, $1 the command. It first waits for a line on stdin, sent once
    // it is in its cgroup, so that nothing of the build starts outside it.
    private const string Wrapper = "read -r _; exec </dev/null >>\"$0\" 2>&1 && exec /bin/sh -c \"$1\"";

    /// <summary>How a build command ended.</summary>
    /// <param name="ExitCode">The exit status, or null when it was killed for running too long.</param>
    public sealed record Outcome(int? ExitCode)
    {
        /// <summary>True when it ran past its timeout and was killed.</summary>
        public bool TimedOut => ExitCode is null;
    }

    /// <summary>Runs <paramref name="command"/> in <paramref name="directory"/>, writing <paramref name="logPath"/> afresh.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; the command's process tree was killed first.</exception>
    public static Outcome Run(string command, string directory, IReadOnlyDictionary<string, string> environment,
        string logPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        PrivateFiles.WriteAllText(logPath, $"$ {command}\n# in {directory}\n");
        var info = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardInput = true,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Wrapper);
        info.ArgumentList.Add(logPath);
        info.ArgumentList.Add(command);
        foreach (var name in new[] { "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE" })
            info.Environment.Remove(name);
        foreach (var (name, value) in environment)
            info.Environment[name] = value;

        using var process = StartOrThrow(info);
        using var cgroup = TrialCgroup.TryCreate("build", out _);
        cgroup?.Add(process.Id);
        process.StandardInput.WriteLine("go");
        process.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            process.WaitForExitAsync(deadline.Token).GetAwaiter().GetResult();
            if (cgroup?.KillAll() is > 0 and var left)
                File.AppendAllText(logPath, $"\n# ailab: killed {left} process(es) the build left running\n");
            return new Outcome(process.ExitCode);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cgroup?.KillAll();
            process.WaitForExit();
            cancellationToken.ThrowIfCancellationRequested();
            File.AppendAllText(logPath, $"\n# ailab: killed after the build timeout of {timeout}\n");
            return new Outcome(null);
        }
    }

    private static Process StartOrThrow(ProcessStartInfo info)
    {
        try
        {
            return Process.Start(info) ?? throw new InvalidOperationException("/bin/sh did not start");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"cannot start /bin/sh for the build in {info.WorkingDirectory}: {ex.Message}", ex);
        }
    }
}
