using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Unicode;

namespace AiLab.Execution.Processes;

/// <summary>Cheap reads of /proc through libc: no exceptions when a process vanishes between listing and reading,
/// and no allocation per read, because the RSS sampler runs every few milliseconds next to the measured workload.</summary>
internal static unsafe class ProcFs
{
    private const int StatBufferSize = 1024;

    /// <summary>Reads <c>/proc/PID/stat</c>; false when the process is gone.</summary>
    public static bool TryReadStat(int pid, out ProcStat stat)
    {
        stat = default;
        Span<byte> path = stackalloc byte[64];
        Span<byte> buffer = stackalloc byte[StatBufferSize];
        if (!Utf8.TryWrite(path, $"/proc/{pid}/stat\0", out _))
            return false;
        var n = ReadFile(path, buffer);
        return n > 0 && ProcStat.TryParse(buffer[..n], out stat);
    }

    /// <summary>Adds the pids listed in <c>/proc/PID/task/TID/children</c> to <paramref name="children"/>.</summary>
    public static void AddChildrenOfTask(int pid, int tid, List<int> children)
    {
        Span<byte> path = stackalloc byte[96];
        if (!Utf8.TryWrite(path, $"/proc/{pid}/task/{tid}/children\0", out _))
            return;
        Span<byte> buffer = stackalloc byte[8192];
        var n = ReadFile(path, buffer);
        ReadOnlySpan<byte> rest = buffer[..Math.Max(n, 0)];
        while (!rest.IsEmpty)
        {
            rest = rest.TrimStart((byte)' ');
            if (!Utf8Parser.TryParse(rest, out int child, out var consumed) || consumed == 0)
                break;
            children.Add(child);
            rest = rest[consumed..];
        }
    }

    /// <summary>Adds the children of every thread of <paramref name="pid"/> (a child belongs to the thread that forked it).</summary>
    public static void AddChildren(int pid, int threads, List<int> children)
    {
        if (threads <= 1)
        {
            AddChildrenOfTask(pid, pid, children);
            return;
        }

        foreach (var tid in ListNumericEntries($"/proc/{pid}/task"))
            AddChildrenOfTask(pid, tid, children);
    }

    /// <summary>Live (non-zombie) processes whose process group or session is <paramref name="leaderPid"/>.</summary>
    public static List<int> FindGroupMembers(int leaderPid, bool includeLeader)
    {
        var members = new List<int>();
        foreach (var pid in ListNumericEntries("/proc"))
        {
            if (pid == leaderPid && !includeLeader)
                continue;
            if (TryReadStat(pid, out var stat) && !stat.IsZombie
                && (stat.ProcessGroup == leaderPid || stat.Session == leaderPid))
                members.Add(pid);
        }

        return members;
    }

    /// <summary>True while the process exists and has not exited (zombies count as gone).</summary>
    public static bool IsAlive(int pid) => TryReadStat(pid, out var stat) && !stat.IsZombie;

    private static List<int> ListNumericEntries(string directory)
    {
        var result = new List<int>();
        try
        {
            foreach (var entry in Directory.EnumerateDirectories(directory))
            {
                if (int.TryParse(Path.GetFileName(entry.AsSpan()), out var id))
                    result.Add(id);
            }
        }
        catch (IOException)
        {
            // The process exited while we listed it.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return result;
    }

    private static int ReadFile(ReadOnlySpan<byte> nulTerminatedPath, Span<byte> buffer)
    {
        int fd;
        fixed (byte* p = nulTerminatedPath)
            fd = LibC.Open(p, LibC.ORdonly | LibC.OCloexec);
        if (fd < 0)
            return -1;
        try
        {
            var total = 0;
            fixed (byte* b = buffer)
            {
                while (total < buffer.Length)
                {
                    var n = LibC.Read(fd, b + total, buffer.Length - total);
                    if (n < 0 && Marshal.GetLastPInvokeError() == LibC.EIntr)
                        continue;
                    if (n <= 0)
                        break;
                    total += (int)n;
                }
            }

            return total;
        }
        finally
        {
            LibC.Close(fd);
        }
    }
}
