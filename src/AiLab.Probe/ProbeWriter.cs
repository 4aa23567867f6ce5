using System.Diagnostics;

namespace AiLab.Probe;

/// <summary>Appends mark lines to one events file; the seam behind <see cref="AiLabProbe"/>, constructed directly by tests.</summary>
internal sealed class ProbeWriter
{
    private readonly string? _path;
    private readonly TextWriter _warnings;
    private readonly Lock _gate = new();
    private FileStream? _stream;
    private volatile bool _failed;

    /// <summary>A writer for <paramref name="path"/>; null or empty makes it a no-op.</summary>
    public ProbeWriter(string? path, TextWriter warnings)
    {
        _path = string.IsNullOrEmpty(path) ? null : path;
        _warnings = warnings;
    }

    /// <summary>A writer for the file named by <see cref="AiLabProbe.EventsVariable"/> as <paramref name="getVariable"/> reports it.</summary>
    public static ProbeWriter FromEnvironment(Func<string, string?> getVariable, TextWriter warnings) =>
        new(getVariable(AiLabProbe.EventsVariable), warnings);

    /// <summary>True while marks are written: a path was given and no write has failed.</summary>
    public bool Enabled => _path is not null && !_failed;

    /// <summary>Appends one mark line stamped now; never throws on I/O errors.</summary>
    public void Mark(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!Enabled)
        {
            return;
        }

        // Stamp before taking the lock: the mark is when the caller got here, not when it won the race.
        var line = MarkLine.Encode(name, MonotonicClock.ToNanoseconds(Stopwatch.GetTimestamp()));
        lock (_gate)
        {
            if (_failed)
            {
                return;
            }

            try
            {
                // Append mode opens with O_APPEND and the stream is unbuffered, so each line is one write(2)
                // that lands whole at the end of the file even when other processes append to it too.
                _stream ??= new FileStream(_path!, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
                _stream.Write(line);
                _stream.Flush();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
            {
                // The workload matters more than its measurement: warn once, then stop trying.
                _failed = true;
                _stream?.Dispose();
                _stream = null;
                TryWarn($"ailab-probe: cannot append marks to '{_path}' ({e.GetType().Name}: {e.Message}); further marks are dropped.");
            }
        }
    }

    private void TryWarn(string message)
    {
        try
        {
            _warnings.WriteLine(message);
            _warnings.Flush();
        }
        catch (IOException)
        {
            // A closed stderr must not take the workload down either.
        }
    }
}
