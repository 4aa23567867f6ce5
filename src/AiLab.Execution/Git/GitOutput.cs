namespace AiLab.Execution.Git;

/// <summary>What one git command produced.</summary>
internal sealed record GitOutput(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>stderr without its trailing newline, or a placeholder when git said nothing.</summary>
    public string Message => Stderr.Trim() is { Length: > 0 } text ? text : $"(git exited with {ExitCode} and no message)";
}
