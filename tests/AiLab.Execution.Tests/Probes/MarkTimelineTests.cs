using AiLab.Execution.Probes;

namespace AiLab.Execution.Tests.Probes;

public sealed class MarkTimelineTests
{
    private const long Spawn = 1_000_000_000;

    [Fact]
    public void ToMarks_WithAndWithoutTimestamps_MeasuresFromSpawn()
    {
        var warnings = new List<string>();

        var marks = MarkTimeline.ToMarks([
            new ReceivedEvent(new ProbeEvent("imports", Spawn + 120_500_000), 1, Spawn + 125_000_000),
            new ReceivedEvent(new ProbeEvent("first_batch", null), 2, Spawn + 300_000_000)], Spawn, warnings);

        Assert.Equal(120.5, marks[0].OffsetMs, 9);
        Assert.False(marks[0].Stamped);
        Assert.Equal(300, marks[1].OffsetMs, 9);
        Assert.True(marks[1].Stamped);
        Assert.Empty(warnings);
    }

    [Fact]
    public void ToMarks_TimestampBeforeSpawn_WarnsAndStampsOnReceipt()
    {
        var warnings = new List<string>();

        var marks = MarkTimeline.ToMarks(
            [new ReceivedEvent(new ProbeEvent("imports", Spawn - 1), 4, Spawn + 50_000_000)], Spawn, warnings);

        Assert.Equal(50, marks[0].OffsetMs, 9);
        Assert.True(marks[0].Stamped);
        var warning = Assert.Single(warnings);
        Assert.StartsWith("events line 4: mark 'imports' has t_ns 999999999, before the process was spawned", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void ToMarks_WallClockTimestamp_WarnsThatItMustBeMonotonic()
    {
        var warnings = new List<string>();
        var wallClockNs = 1_750_000_000_000_000_000L;

        var marks = MarkTimeline.ToMarks(
            [new ReceivedEvent(new ProbeEvent("first_batch", wallClockNs), 1, Spawn + 10_000_000)], Spawn, warnings);

        Assert.Equal(10, marks[0].OffsetMs, 9);
        Assert.Contains("after the harness read the line", Assert.Single(warnings), StringComparison.Ordinal);
        Assert.Contains("time.monotonic_ns()", warnings[0], StringComparison.Ordinal);
    }
}
