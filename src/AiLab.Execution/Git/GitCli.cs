using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace AiLab.Execution.Git;

/// <summary>Runs the git command line and captures what it says. No shell is involved: arguments go verbatim.</summary>
internal static class GitCli
{
    // Inherited from a git hook or an IDE, these would point git at another repository than the one we name.
    private static readonly string[] RepositoryOverrides =
        ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR", "GIT_PREFIX"];

    /// <summary>Runs git in <paramref name="workingDirectory"/>; a non-zero exit is returned, not thrown.</summary>
    /// <exception cref="GitException">git could not be started at all.</exception>
    public static GitOutput Run(string workingDirectory, params IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var name in RepositoryOverrides)
            info.Environment.Remove(name);
        info.Environment["LC_ALL"] = "C"; // git's messages are matched and quoted in English
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["GIT_OPTIONAL_LOCKS"] = "0"; // never refresh the user's index behind their back

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new GitException("git did not start");
        }
        catch (Win32Exception ex)
        {
            throw new GitException($"cannot run git ({ex.Message}); install git and put it on PATH", ex);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return new GitOutput(process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
        }
    }

    /// <summary>Runs git and returns its stdout without the trailing newline.</summary>
    /// <exception cref="GitException">git failed; the message has the command, the directory and git's stderr.
    /// </exception>
    public static string RunChecked(string workingDirectory, params string[] arguments)
    {
        var output = Run(workingDirectory, arguments);
        if (output.ExitCode != 0)
            throw Failure(workingDirectory, arguments, output);
        return output.Stdout.TrimEnd('\n');
    }

    /// <summary>The exception for a failed git command.</summary>
    public static GitException Failure(string workingDirectory, IEnumerable<string> arguments, GitOutput output) =>
        new($"`git {string.Join(' ', arguments)}` failed in {workingDirectory}: {output.Message}")
        {
            ExitCode = output.ExitCode,
            GitMessage = output.Stderr,
        };
}
