namespace AiLab.Probe;

/// <summary>Converts <see cref="System.Diagnostics.Stopwatch"/> timestamps (CLOCK_MONOTONIC on Linux) to nanoseconds.</summary>
internal static class MonotonicClock
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>Nanoseconds for <paramref name="timestamp"/> ticks at <paramref name="frequency"/> ticks a second, computed without overflow.</summary>
    public static long ToNanoseconds(long timestamp, long frequency)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frequency);
        if (frequency == NanosecondsPerSecond)
        {
            return timestamp;
        }

        // ticks * 1e9 overflows a long after ~106 days of uptime at a 1 GHz-ish frequency; 128 bits never do.
        return (long)((Int128)timestamp * NanosecondsPerSecond / frequency);
    }

    /// <summary>Nanoseconds for a timestamp from <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>.</summary>
    public static long ToNanoseconds(long timestamp) => ToNanoseconds(timestamp, System.Diagnostics.Stopwatch.Frequency);
}
