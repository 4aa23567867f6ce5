using System.Diagnostics;

namespace AiLab.Execution.Processes;

/// <summary>CLOCK_MONOTONIC in nanoseconds, the clock of the probe protocol (Python's <c>time.monotonic_ns()</c>).</summary>
/// <remarks>On Linux <see cref="Stopwatch"/> reads CLOCK_MONOTONIC with a frequency of 1 GHz; the conversion only
/// matters if a future runtime changes that, and keeps the protocol's unit explicit.</remarks>
internal static class MonotonicClock
{
    private static readonly bool IsNanoseconds = Stopwatch.Frequency == 1_000_000_000;

    /// <summary>Now, in CLOCK_MONOTONIC nanoseconds.</summary>
    public static long NowNs()
    {
        var ticks = Stopwatch.GetTimestamp();
        return IsNanoseconds ? ticks : (long)(ticks * (1e9 / Stopwatch.Frequency));
    }

    /// <summary>Milliseconds between two <see cref="NowNs"/> readings.</summary>
    public static double ElapsedMs(long fromNs, long toNs) => (toNs - fromNs) / 1e6;
}
