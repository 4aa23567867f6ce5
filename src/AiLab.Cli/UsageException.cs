namespace AiLab.Cli;

/// <summary>Bad command-line input; becomes a clear message and exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
