namespace AiLab.Execution.Processes;

/// <summary>Turns a trial's command into the argv to spawn. A simple command — words and quotes, no expansions,
/// redirections, pipes or builtins — is executed directly, like hyperfine's <c>-N</c>: a shell in between costs
/// several milliseconds of every measured TTFB (~9 ms for dash here). Anything else runs under <c>/bin/sh -c</c>.
/// </summary>
internal static class CommandLine
{
    /// <summary>The shell used for commands that need one.</summary>
    public const string Shell = "/bin/sh";

    private const string ShellOnly = "|&;<>()$`\\*?[]{}~#!\n\r";

    private static readonly HashSet<string> Builtins = new(StringComparer.Ordinal)
    {
        ".", ":", "alias", "break", "case", "cd", "command", "continue", "do", "done", "elif", "else", "esac", "eval",
        "exec", "exit", "export", "fi", "for", "function", "getopts", "hash", "if", "local", "read", "readonly",
        "return", "set", "shift", "source", "then", "time", "trap", "type", "ulimit", "umask", "unalias", "unset",
        "until", "wait", "while",
    };

    /// <summary>The argv for <paramref name="command"/>; argv[0] is the absolute path of the program.</summary>
    /// <param name="command">The trial's command line.</param>
    /// <param name="path">The PATH the workload gets.</param>
    /// <param name="workingDirectory">Where relative program paths resolve.</param>
    public static string[] ToArgv(string command, string? path, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(command);
        return TrySplit(command) is { Count: > 0 } words && !Builtins.Contains(words[0])
               && !words[0].Contains('=', StringComparison.Ordinal)
               && Resolve(words[0], path, workingDirectory) is { } program
            ? [program, .. words.Skip(1)]
            : [Shell, "-c", command];
    }

    /// <summary>Splits a command made only of words and single- or double-quoted strings; null when it needs a
    /// shell.</summary>
    internal static List<string>? TrySplit(string command)
    {
        if (command.AsSpan().IndexOfAny(ShellOnly) >= 0) return null;
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var inWord = false;
        char quote = '\0';
        foreach (var c in command)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else current.Append(c);
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c is ' ' or '\t')
            {
                if (inWord) words.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (quote != '\0') return null; // unbalanced: let the shell say so
        if (inWord) words.Add(current.ToString());
        return words;
    }

    private static string? Resolve(string program, string? path, string workingDirectory)
    {
        if (program.Contains('/', StringComparison.Ordinal))
            return IsExecutable(Path.GetFullPath(program, workingDirectory));
        foreach (var dir in (path ?? "/usr/local/bin:/usr/bin:/bin").Split(':'))
        {
            var candidate = IsExecutable(
                Path.GetFullPath(Path.Combine(dir.Length == 0 ? "." : dir, program), workingDirectory));
            if (candidate is not null) return candidate;
        }

        return null; // not found: the shell reports "not found" with exit 127, as users expect
    }

    private const UnixFileMode AnyExecute =
        UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private static string? IsExecutable(string file) =>
        File.Exists(file) && !OperatingSystem.IsWindows()
        && (File.GetUnixFileMode(file) & AnyExecute) != 0
            ? file
            : null;
}
