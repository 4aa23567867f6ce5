namespace AiLab.Execution.Git;

/// <summary>A git command failed or a path is not what git needs; the message carries git's own words.</summary>
public class GitException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>git's exit status, when a git command ran and failed.</summary>
    public int? ExitCode { get; init; }

    /// <summary>What git wrote on stderr, when a git command ran and failed.</summary>
    public string? GitMessage { get; init; }
}
