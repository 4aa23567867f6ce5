namespace AiLab.Execution.Git;

/// <summary>An exclusive lock on a cache entry, held by an open lock file. The kernel drops it when the process dies,
/// so a killed build never leaves the entry locked.</summary>
internal static class BuildLock
{
    /// <summary>Waits until this caller alone holds <paramref name="path"/>; dispose the stream to release it.</summary>
    /// <exception cref="TimeoutException">Another holder kept it longer than <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public static FileStream Acquire(string path, TimeSpan timeout, TimeSpan retryInterval, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                // FileShare.None is an exclusive flock on Unix: it excludes other processes and other opens in this one.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                if (DateTime.UtcNow >= deadline)
                    throw new TimeoutException($"{path} stayed locked for {timeout} by another build of the same tree; if none is running, delete the file");
                cancellationToken.WaitHandle.WaitOne(retryInterval);
            }
        }
    }
}
