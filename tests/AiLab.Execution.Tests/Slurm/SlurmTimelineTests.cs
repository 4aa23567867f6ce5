using AiLab.Execution.Probes;
using AiLab.Execution.Slurm;

namespace AiLab.Execution.Tests.Slurm;

/// <summary>Putting a job's node-side stamps on the submitting host's clock.</summary>
public sealed class SlurmTimelineTests
{
    private const long Submit = 1_000_000_000_000_000_000;   // host wall clock at submit, ns
    private const long NodeWallMinusMono = 900_000_000_000_000_000;

    private static Handover Node(long offsetNs, long pingRtt = 2_000_000) => new()
    {
        // The node's clock runs offsetNs ahead; the workload started 500 ms after the submit (host time).
        StartedNs = Submit + 500_000_000 + offsetNs,
        EndedNs = Submit + 2_500_000_000 + offsetNs,
        ExitStatus = 0,
        PairRealtimeNs = NodeWallMinusMono + 50,
        PairMonotonicNs = 50,
        PingSentNs = Submit + 3_000_000_000 + offsetNs,
        PongSeenNs = Submit + 3_000_000_000 + offsetNs + pingRtt,
    };

    private static ReceivedEvent Event(string mark, long? tNs, long receivedNs, int line = 1) =>
        new(new ProbeEvent(mark, tNs), line, receivedNs);

    [Fact]
    public void Build_NodeClockAhead_OffsetMeasuredAndRemovedFromTheQueue()
    {
        const long Offset = 250_000_000; // 250 ms ahead
        var handover = Node(Offset);
        // The host answered the ping halfway through the node's 2 ms round trip.
        var answered = Submit + 3_000_000_000 + 1_000_000;
        var firstBatchMono = Submit + 1_700_000_000 + Offset - NodeWallMinusMono;
        var warnings = new List<string>();

        var timeline = SlurmTimeline.Build(new SlurmTimeline.Submit(Submit, 0), handover, answered,
            [Event("first_batch", firstBatchMono, 0)], warnings);

        Assert.Empty(warnings);
        Assert.Equal(250, timeline.OffsetMs!.Value, 6);
        Assert.Equal(1, timeline.OffsetUncertaintyMs!.Value, 6);
        Assert.Equal(500, timeline.QueueMs, 6);
        Assert.Equal(2500, timeline.WallMs, 6);
        Assert.Equal(["queue", "first_batch"], timeline.Marks.Select(m => m.Name));
        Assert.Equal(1700, timeline.Marks[1].OffsetMs, 6);
    }

    [Fact]
    public void Build_OffsetWithinItsUncertainty_NotApplied()
    {
        // 0.4 ms apart, measured with ±1 ms: indistinguishable from equal clocks.
        var handover = Node(400_000);
        var answered = Submit + 3_000_000_000 + 1_000_000;
        var timeline = SlurmTimeline.Build(new SlurmTimeline.Submit(Submit, 0), handover, answered, [], []);

        Assert.Equal(0.4, timeline.OffsetMs!.Value, 6);
        Assert.Equal(500.4, timeline.QueueMs, 6);
    }

    [Fact]
    public void Build_NoPong_AssumesEqualClocksAndSaysSo()
    {
        var warnings = new List<string>();
        var timeline = SlurmTimeline.Build(new SlurmTimeline.Submit(Submit, 0), Node(0), null, [], warnings);

        Assert.Null(timeline.OffsetMs);
        Assert.Equal(500, timeline.QueueMs, 6);
        Assert.Contains(warnings, w => w.Contains("clock offset was not measured", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_MarkWithoutTns_StampedOnReceiptOnTheHostsMonotonicClock()
    {
        var timeline = SlurmTimeline.Build(new SlurmTimeline.Submit(Submit, 7_000_000_000), Node(0), null,
            [Event("imports", null, 7_000_000_000 + 900_000_000)], []);

        Assert.Equal(900, timeline.Marks[1].OffsetMs, 6);
        Assert.True(timeline.Marks[1].Stamped);
    }

    [Fact]
    public void Build_TnsFromTheWallClock_ReplacedByTheReceiptStampWithAWarning()
    {
        var warnings = new List<string>();
        var timeline = SlurmTimeline.Build(new SlurmTimeline.Submit(Submit, 0), Node(0), null,
            [Event("imports", Submit + 900_000_000, 950_000_000, line: 3)], warnings);

        Assert.True(timeline.Marks[1].Stamped);
        Assert.Equal(950, timeline.Marks[1].OffsetMs, 6);
        Assert.Contains(warnings, w => w.StartsWith("events line 3: mark 'imports'", StringComparison.Ordinal));
    }

    [Fact]
    public void Handover_EpochRealtimeWithAComma_ParsedAsDecimal()
    {
        var handover = Handover.Parse("started=1796531448,142211\nended=1796531457.729494\nexit=0\n"
                                      + "children=0m1.638s 0m0.219s\n")!;

        Assert.Equal(1_796_531_448_142_211_000, handover.StartedNs);
        Assert.Equal(1638, handover.CpuUserMs, 6);
        Assert.Equal(219, handover.CpuSystemMs, 6);
        Assert.Null(Handover.Parse("started=1\nexit=0\n"));
    }

    [Theory]
    [InlineData("peak_memory=52428800\npeak_memory_source=cgroup v1 /slurm/job_7/step_batch memory.max_usage_in_bytes",
        52428800L)]
    [InlineData("peak_memory=51200K\npeak_memory_source=slurm sstat MaxRSS of job 7.batch (jobacct_gather, sampled)",
        52428800L)]
    [InlineData("peak_memory=\npeak_memory_source=\n", null)]
    public void Handover_PeakMemory_FromTheCgroupInBytesOrFromSstatInKib(string lines, long? bytes)
    {
        var handover = Handover.Parse("started=1.5\nended=2.5\nexit=0\n" + lines + "\n")!;

        Assert.Equal(bytes, handover.PeakMemoryBytes);
        Assert.Equal(bytes is null, handover.PeakMemorySource is null);
    }
}
