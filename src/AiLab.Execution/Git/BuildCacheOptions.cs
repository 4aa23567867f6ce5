namespace AiLab.Execution.Git;

/// <summary>Limits of <see cref="BuildCache"/>.</summary>
public sealed class BuildCacheOptions
{
    /// <summary>Wall-clock limit of one build command; past it the command's process tree is killed and the build
    /// fails. Default 30 minutes.</summary>
    public TimeSpan BuildTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long to wait for another process building the same key before giving up with a
    /// <see cref="TimeoutException"/>. Default 2 hours, longer than any sane build.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromHours(2);

    /// <summary>How often a waiting Prepare retries the lock. Default 100 ms.</summary>
    public TimeSpan LockRetryInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many lines from the end of the build log a failure's reason quotes. Default 20.</summary>
    public int ReasonLogLines { get; init; } = 20;
}
