using System.Runtime.InteropServices;

namespace AiLab.Execution.Machine;

/// <summary>CLOCK_THREAD_CPUTIME_ID (clock_gettime(2)): the CPU time the calling thread has run. Timing the core-speed
/// loop with it measures how fast a core runs the loop while it runs it, not how often other processes let it run:
/// on a loaded machine wall-clock timings measure the neighbours. (The kernel accounts thread time from the run
/// queue's task clock, which leaves out paravirtual steal time where the kernel accounts it.)</summary>
internal static unsafe partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>The calling thread's CPU time in nanoseconds.</summary>
    /// <exception cref="InvalidOperationException">The clock cannot be read.</exception>
    public static long NowNs()
    {
        var spec = stackalloc long[2]; // struct timespec { time_t tv_sec; long tv_nsec; } on 64-bit Linux
        if (ClockGetTime(ClockThreadCpuTimeId, spec) != 0)
            throw new InvalidOperationException($"clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed: errno {Marshal.GetLastPInvokeError()}");
        return (spec[0] * 1_000_000_000L) + spec[1];
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    private static partial int ClockGetTime(int clock, long* spec);
}
