using System.Diagnostics;

namespace AiLab.Probe;

/// <summary>Appends mark lines to one events file; the seam behind <see cref="AiLabProbe"/>, constructed directly by
/// tests.</summary>
internal sealed class ProbeWriter : IDisposable
{
    private readonly string? _path;
    private readonly TextWriter _warnings;
    private readonly Lock _gate = new();
    private AppendOnlyFile? _file;
    private volatile bool _failed;

    /// <summary>A writer for <paramref name="path"/>; null or empty makes it a no-op.</summary>
    public ProbeWriter(string? path, TextWriter warnings)
    {
        _path = string.IsNullOrEmpty(path) ? null : path;
        _warnings = warnings;
    }

    /// <summary>A writer for the file named by <see cref="AiLabProbe.EventsVariable"/> as
    /// <paramref name="getVariable"/> reports it.</summary>
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
        var now = MonotonicClock.ToNanoseconds(Stopwatch.GetTimestamp());
        // getrusage(RUSAGE_SELF) underneath: the whole process's CPU, a few hundred ns.
        var cpuNs = Environment.CpuUsage.TotalTime.Ticks * 100;
        var line = MarkLine.Encode(name, now, cpuNs, Environment.ProcessId);
        lock (_gate)
        {
            if (_failed)
            {
                return;
            }

            try
            {
                // Opened on first use and kept for the process's life: a mark then costs one write(2).
                _file ??= AppendOnlyFile.Open(_path!);
                _file.Append(line);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException
                                          or DllNotFoundException or EntryPointNotFoundException)
            {
                // The workload matters more than its measurement: warn once, then stop trying.
                _failed = true;
                _file?.Dispose();
                _file = null;
                TryWarn($"ailab-probe: cannot append marks to '{_path}' ({e.GetType().Name}: {e.Message}); "
                        + "further marks are dropped.");
            }
        }
    }

    /// <summary>Closes the file; later marks are dropped silently. The process-wide probe is never disposed.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _failed = true;
            _file?.Dispose();
            _file = null;
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
