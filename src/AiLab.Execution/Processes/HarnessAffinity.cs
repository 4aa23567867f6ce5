using System.Globalization;
using System.Runtime.InteropServices;

namespace AiLab.Execution.Processes;

/// <summary>Keeps every thread of the harness off the CPUs its pinned trials run on, for as long as they run.</summary>
/// <remarks>Measured (docs/benchmarks.md, Harness overhead): the thread that spawned a pinned trial woke up on the
/// trial's CPU and went on there — creating the waiter, pump and events threads, tier-up JIT and the 5 ms events poll
/// beside a workload that was starting up — which cost the workload milliseconds of its TTFB. Every thread in
/// <c>/proc/self/task</c> gets the complement of the trial CPUs (threads created later inherit their creator's mask);
/// when the trials use every CPU the harness may run on, nothing changes. Concurrent trials are counted, so the
/// process mask comes back only when the last one ends.</remarks>
internal static unsafe class HarnessAffinity
{
    private const int SetSize = 128; // cpu_set_t: 1024 bits

    private static readonly Lock Gate = new();
    private static readonly List<IReadOnlyList<int>> Active = [];
    private static byte[]? _original;

    /// <summary>Moves the harness off <paramref name="trialCpus"/> until the returned scope is disposed; a no-op for
    /// an unpinned trial.</summary>
    public static IDisposable KeepOff(IReadOnlyList<int>? trialCpus)
    {
        if (trialCpus is null || trialCpus.Count == 0)
            return new Scope(null);
        lock (Gate)
        {
            if (Active.Count == 0 && !TryReadMask(out _original))
                return new Scope(null);
            Active.Add(trialCpus);
            ApplyLocked();
        }

        return new Scope(trialCpus);
    }

    private static void Leave(IReadOnlyList<int> trialCpus)
    {
        lock (Gate)
        {
            Active.Remove(trialCpus);
            ApplyLocked();
            if (Active.Count == 0)
                _original = null;
        }
    }

    private static void ApplyLocked()
    {
        var mask = (byte[])_original!.Clone();
        foreach (var cpu in Active.SelectMany(cpus => cpus).Where(cpu => cpu is >= 0 and < SetSize * 8))
            mask[cpu / 8] &= (byte)~(1 << (cpu % 8));
        // Trials on every CPU the harness has: it cannot keep off them, so it stays where it was.
        if (mask.All(b => b == 0))
            mask = _original!;
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories("/proc/self/task");
        }
        catch (IOException)
        {
            return;
        }

        fixed (byte* p = mask)
        {
            foreach (var task in tasks)
            {
                // A thread that ended since the listing fails with ESRCH; there is nothing left to move.
                if (int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var tid))
                    _ = SchedSetAffinity(tid, SetSize, p);
            }
        }
    }

    private static bool TryReadMask(out byte[]? mask)
    {
        mask = new byte[SetSize];
        fixed (byte* p = mask)
        {
            // Process 0 is the calling thread, not yet pinned for a spawn: its mask is the harness's own.
            if (SchedGetAffinity(0, SetSize, p) == 0)
                return true;
        }

        mask = null;
        return false;
    }

    [DllImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static extern int SchedGetAffinity(int pid, nint size, byte* mask);

    [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static extern int SchedSetAffinity(int pid, nint size, byte* mask);

    private sealed class Scope(IReadOnlyList<int>? trialCpus) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (trialCpus is not null && Interlocked.Exchange(ref _disposed, 1) == 0)
                Leave(trialCpus);
        }
    }
}
