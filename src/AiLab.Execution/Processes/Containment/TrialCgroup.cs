using System.Globalization;
using System.Text;

namespace AiLab.Execution.Processes.Containment;

/// <summary>A cgroup (v1 memory hierarchy) holding one trial's or one build's whole process tree: every descendant
/// stays in it whatever it does with sessions or process groups, so it can be measured and killed as one.</summary>
/// <remarks>The process is born inside it: the spawning thread enters the cgroup just for the posix_spawn call
/// (<see cref="EnterCallingThread"/>) — cgroup v1 places threads individually and a child inherits its parent
/// thread's cgroup — so no allocation or fork of the workload can happen before it is contained.
/// <c>memory.max_usage_in_bytes</c> is then the high-water mark of the tree's charged memory (anonymous, page
/// tables, kernel objects and page cache it was first to touch), free of the harness's own address space.</remarks>
internal sealed class TrialCgroup : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan KillSettleLimit = TimeSpan.FromSeconds(5);

    private readonly string _parent;
    private bool _disposed;

    private TrialCgroup(string parent, string directory)
    {
        _parent = parent;
        Directory = directory;
    }

    /// <summary>The cgroup's directory.</summary>
    public string Directory { get; }

    /// <summary>Creates a fresh cgroup under the harness's own; null (with the reason) without cgroups.</summary>
    public static TrialCgroup? TryCreate(string label, out string why)
    {
        if (ContainmentHost.TryNextDirectory(label, out var parent, out var directory, out why) is false)
            return null;
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            return new TrialCgroup(parent, directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            why = $"cannot create cgroup {directory}: {e.Message}";
            return null;
        }
    }

    /// <summary>Moves the calling thread into the cgroup until the result is disposed, so that a process it spawns
    /// is born inside.</summary>
    public IDisposable EnterCallingThread()
    {
        var tid = LibC.GetTid();
        Write(Path.Join(Directory, "tasks"), tid);
        return new ThreadReturn(Path.Join(_parent, "tasks"), tid);
    }

    /// <summary>Moves a running process (and not yet its existing children) into the cgroup.</summary>
    public void Add(int pid) => Write(Path.Join(Directory, "cgroup.procs"), pid);

    /// <summary>The high-water mark of the cgroup's memory in bytes, or null when it cannot be read.</summary>
    public long? PeakBytes()
    {
        try
        {
            var text = File.ReadAllText(Path.Join(Directory, "memory.max_usage_in_bytes")).Trim();
            return long.TryParse(text, CultureInfo.InvariantCulture, out var bytes) ? bytes : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Live (non-zombie) processes in the cgroup other than <paramref name="exceptPid"/>.</summary>
    public List<int> LiveMembers(int exceptPid = 0)
    {
        var members = new List<int>();
        try
        {
            foreach (var line in File.ReadLines(Path.Join(Directory, "cgroup.procs")))
            {
                if (int.TryParse(line, CultureInfo.InvariantCulture, out var pid) && pid != exceptPid
                    && ProcFs.IsAlive(pid))
                    members.Add(pid);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Removed already: nothing is left in it.
        }

        return members;
    }

    /// <summary>Sends <paramref name="signal"/> to every live member except <paramref name="exceptPid"/>.</summary>
    public void Signal(int signal, int exceptPid = 0)
    {
        foreach (var pid in LiveMembers(exceptPid))
            LibC.Kill(pid, signal);
    }

    /// <summary>SIGKILLs every member except <paramref name="exceptPid"/> until none is left; returns how many
    /// distinct processes it killed. A member forking meanwhile only adds to the next round: the killed cannot
    /// fork.</summary>
    public int KillAll(int exceptPid = 0)
    {
        var killed = new HashSet<int>();
        var deadline = MonotonicClock.NowNs() + (long)KillSettleLimit.TotalNanoseconds;
        while (LiveMembers(exceptPid) is { Count: > 0 } members)
        {
            foreach (var pid in members)
            {
                LibC.Kill(pid, LibC.SigKill);
                killed.Add(pid);
            }

            if (MonotonicClock.NowNs() > deadline)
                break;
            Thread.Sleep(PollInterval);
        }

        return killed.Count;
    }

    /// <summary>Kills whatever is left and removes the cgroup.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        KillAll();
        var deadline = MonotonicClock.NowNs() + (long)KillSettleLimit.TotalNanoseconds;
        while (true)
        {
            try
            {
                System.IO.Directory.Delete(Directory);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException) when (MonotonicClock.NowNs() < deadline)
            {
                // Busy until the last member is reaped (the trial's leader stays a zombie until wait4).
                Thread.Sleep(PollInterval);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for the watchdog of a later run; an empty cgroup costs nothing.
                return;
            }
        }
    }

    private static void Write(string file, int id)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        stream.Write(Encoding.ASCII.GetBytes(id.ToString(CultureInfo.InvariantCulture)));
    }

    private sealed class ThreadReturn(string parentTasks, int tid) : IDisposable
    {
        public void Dispose() => Write(parentTasks, tid);
    }
}
