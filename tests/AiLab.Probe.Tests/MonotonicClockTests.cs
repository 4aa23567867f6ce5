using System.Diagnostics;
using System.Numerics;

namespace AiLab.Probe.Tests;

public class MonotonicClockTests
{
    [Fact]
    public void ToNanoseconds_NanosecondFrequency_ReturnsTicks()
    {
        Assert.Equal(123_456_789_012L, MonotonicClock.ToNanoseconds(123_456_789_012L, 1_000_000_000));
    }

    [Fact]
    public void ToNanoseconds_TenMegahertz_MultipliesByHundred()
    {
        Assert.Equal(12_345_600L, MonotonicClock.ToNanoseconds(123_456L, 10_000_000));
    }

    [Theory]
    [InlineData(10_000_000L)]
    [InlineData(2_400_000_000L)]
    [InlineData(3_579_545L)]
    public void ToNanoseconds_TimestampWhoseProductOverflowsLong_MatchesExactArithmetic(long frequency)
    {
        // A year of uptime: ticks * 1e9 is far past long.MaxValue at each of these frequencies.
        var ticks = frequency * 365L * 24 * 3600;
        var expected = (long)(new BigInteger(ticks) * 1_000_000_000 / frequency);

        Assert.Equal(expected, MonotonicClock.ToNanoseconds(ticks, frequency));
    }

    [Fact]
    public void ToNanoseconds_CurrentTimestamp_AgreesWithStopwatchElapsed()
    {
        var start = Stopwatch.GetTimestamp();
        Thread.Sleep(20);
        var end = Stopwatch.GetTimestamp();

        var elapsedNs = MonotonicClock.ToNanoseconds(end) - MonotonicClock.ToNanoseconds(start);

        Assert.Equal(Stopwatch.GetElapsedTime(start, end).Ticks * 100, elapsedNs, tolerance: 1_000);
    }
}
