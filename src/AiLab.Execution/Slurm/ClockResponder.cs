namespace AiLab.Execution.Slurm;

/// <summary>The submitting host's half of the clock-offset exchange: when the node's ping appears in the shared
/// directory, answers at once with a pong carrying this host's wall clock, and remembers that reading. inotify
/// (<see cref="FileSystemWatcher"/>) wakes it on a local file system; the slow poll covers network file systems,
/// whose changes on another host inotify does not see (the offset is then less certain, and says so).</summary>
internal sealed class ClockResponder : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    private readonly TrialFiles _files;
    private readonly FileSystemWatcher? _watcher;
    private readonly AutoResetEvent _wake = new(false);
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly Thread _thread;
    private long _answeredNs;

    public ClockResponder(TrialFiles files)
    {
        _files = files;
        try
        {
            _watcher = new FileSystemWatcher(Path.GetDirectoryName(files.Ping)!, Path.GetFileName(files.Ping));
            _watcher.Created += (_, _) => _wake.Set();
            _watcher.Renamed += (_, _) => _wake.Set();
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            _watcher = null; // out of inotify watches: the poll still answers, 20 ms less precisely
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "ailab-slurm-clock" };
        _thread.Start();
    }

    /// <summary>This host's wall clock (ns since the Unix epoch) when it answered, or null when no ping came.</summary>
    public long? AnsweredNs => Interlocked.Read(ref _answeredNs) is var ns && ns != 0 ? ns : null;

    /// <summary>The host's wall clock in nanoseconds since the Unix epoch.</summary>
    public static long WallNs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    public void Dispose()
    {
        _stop.Set();
        _wake.Set();
        _thread.Join();
        _watcher?.Dispose();
        _wake.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.IsSet)
        {
            _wake.WaitOne(Poll);
            if (_stop.IsSet || !File.Exists(_files.Ping))
                continue;
            var now = WallNs();
            var tmp = _files.Pong + ".tmp";
            File.WriteAllText(tmp, now.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n");
            File.Move(tmp, _files.Pong, overwrite: true);
            Interlocked.Exchange(ref _answeredNs, now);
            return;
        }
    }
}
