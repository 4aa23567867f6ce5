namespace AiLab.Execution.Processes;

/// <summary>Samples the resident memory of a trial's whole process tree on a background thread and keeps the peak
/// of the sum. The kernel's ru_maxrss only knows the largest single process, not concurrent ones (data-loader
/// workers), hence sampling.</summary>
/// <remarks>Each tick walks from the root through <c>/proc/PID/task/TID/children</c> (a handful of reads for a small
/// tree, instead of scanning every pid). Descendants orphaned by their parent's exit fall out of that walk, so every
/// <see cref="FullScanEveryTicks"/> ticks a scan of /proc adds members of the trial's session as extra roots.
/// Summing RSS counts pages shared between processes once per process, as <c>ps</c> and VmRSS do.</remarks>
internal sealed class ProcessTreeSampler
{
    private const int FullScanEveryTicks = 20;

    private readonly int _rootPid;
    private readonly TimeSpan _interval;
    private readonly long _pageSize = Environment.SystemPageSize;
    private readonly ManualResetEventSlim _stop = new(false, spinCount: 0);
    private readonly HashSet<int> _extraRoots = [];
    private readonly HashSet<int> _seen = [];
    private readonly List<int> _stack = [];
    private Thread? _thread;
    private long _peakBytes;

    /// <summary>Prepares a sampler for the tree rooted at <paramref name="rootPid"/>.</summary>
    public ProcessTreeSampler(int rootPid, TimeSpan interval)
    {
        _rootPid = rootPid;
        _interval = interval;
    }

    /// <summary>Highest summed RSS seen so far, in bytes.</summary>
    public long PeakBytes => Interlocked.Read(ref _peakBytes);

    /// <summary>Starts sampling on a dedicated background thread (the thread pool may be busy or starved).</summary>
    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = $"ailab-rss-{_rootPid}" };
        _thread.Start();
    }

    /// <summary>Stops sampling; returns the peak in bytes.</summary>
    public long Stop()
    {
        _stop.Set();
        _thread?.Join();
        return PeakBytes;
    }

    /// <summary>Sums the RSS of the tree right now, in bytes (also records the peak).</summary>
    public long SampleOnce(bool fullScan)
    {
        if (fullScan)
        {
            foreach (var pid in ProcFs.FindGroupMembers(_rootPid, includeLeader: false))
                _extraRoots.Add(pid);
        }

        _seen.Clear();
        _stack.Clear();
        _stack.Add(_rootPid);
        _stack.AddRange(_extraRoots);
        long pages = 0;
        while (_stack.Count > 0)
        {
            var pid = _stack[^1];
            _stack.RemoveAt(_stack.Count - 1);
            if (!_seen.Add(pid))
                continue;
            if (!ProcFs.TryReadStat(pid, out var stat) || stat.IsZombie)
            {
                _extraRoots.Remove(pid);
                continue;
            }

            pages += stat.RssPages;
            ProcFs.AddChildren(pid, stat.Threads, _stack);
        }

        var bytes = pages * _pageSize;
        if (bytes > PeakBytes)
            Interlocked.Exchange(ref _peakBytes, bytes);
        return bytes;
    }

    private void Run()
    {
        var tick = 0;
        do
        {
            SampleOnce(fullScan: tick++ % FullScanEveryTicks == FullScanEveryTicks - 1);
        }
        while (!_stop.Wait(_interval));
    }
}
