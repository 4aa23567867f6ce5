using System.Runtime.InteropServices;

namespace AiLab.Execution.Processes;

/// <summary>Pins the spawning thread to a CPU set for the instant of posix_spawn, so the child inherits the set
/// (sched_setaffinity(2): a child created with fork/posix_spawn inherits its parent thread's mask). On a shared
/// machine whose cores run at different effective speeds, letting the scheduler move trials between them makes
/// TTFB bimodal; pinning both variants to the same cores removes that noise.</summary>
internal static unsafe class CpuAffinity
{
    private const int SetSize = 128; // cpu_set_t: 1024 bits

    /// <summary>Pins the calling thread to <paramref name="cpus"/> until the returned scope is disposed; a no-op for
    /// null.</summary>
    /// <exception cref="ArgumentException">A CPU number is out of range or not available to this process.</exception>
    public static IDisposable PinCallingThread(IReadOnlyList<int>? cpus)
    {
        if (cpus is null || cpus.Count == 0) return Scope.None;
        var previous = new byte[SetSize];
        var wanted = new byte[SetSize];
        foreach (var cpu in cpus)
        {
            if (cpu is < 0 or >= SetSize * 8)
                throw new ArgumentException($"CPU {cpu} is out of range (0..{(SetSize * 8) - 1})");
            wanted[cpu / 8] |= (byte)(1 << (cpu % 8));
        }

        fixed (byte* p = previous)
            if (SchedGetAffinity(0, SetSize, p) != 0) throw GetAffinityFailed();
        fixed (byte* w = wanted)
        {
            if (SchedSetAffinity(0, SetSize, w) != 0)
                throw new ArgumentException(
                    $"cannot pin trials to CPUs {string.Join(',', cpus)}: "
                    + $"{LibC.ErrorText(Marshal.GetLastPInvokeError())} (this machine has {Environment.ProcessorCount})");
        }

        return new Scope(previous);
    }

    /// <summary>The CPUs this process may run on (its affinity mask), in order.</summary>
    public static IReadOnlyList<int> AllowedCpus()
    {
        var mask = new byte[SetSize];
        fixed (byte* p = mask)
            if (SchedGetAffinity(0, SetSize, p) != 0) throw GetAffinityFailed();
        return Enumerable.Range(0, SetSize * 8).Where(cpu => (mask[cpu / 8] & (1 << (cpu % 8))) != 0).ToList();
    }

    // Reads errno at once: call it straight after the failed sched_getaffinity.
    private static InvalidOperationException GetAffinityFailed() =>
        new($"sched_getaffinity failed: {LibC.ErrorText(Marshal.GetLastPInvokeError())}");

    [DllImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static extern int SchedGetAffinity(int pid, nint size, byte* mask);

    [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static extern int SchedSetAffinity(int pid, nint size, byte* mask);

    private sealed class Scope(byte[]? previous) : IDisposable
    {
        public static readonly Scope None = new(null);

        public void Dispose()
        {
            if (previous is null) return;
            fixed (byte* p = previous) _ = SchedSetAffinity(0, SetSize, p);
        }
    }
}
