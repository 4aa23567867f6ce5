using AiLab.Execution.Machine;

namespace AiLab.Execution.Tests.Machine;

public sealed class CpuTimesTests
{
    private const string Sample = """
        cpu  7457 10 2124 37746 343 5 20 30 0 0
        cpu0 3303 0 987 19495 40 0 4 14 0 0
        cpu1 4154 10 1137 18251 303 5 16 16 0 0
        intr 1234 0 0
        procs_running 3
        """;

    [Fact]
    public void Parse_ProcStat_SumsBusyColumnsAndKeepsStealApart()
    {
        var times = CpuTimes.Parse(Sample);

        Assert.Equal(7457 + 10 + 2124 + 5 + 20, times["all"].Busy);
        Assert.Equal(30, times["all"].Steal);
        Assert.Equal(7457 + 10 + 2124 + 37746 + 343 + 5 + 20 + 30, times["all"].Total);
        Assert.Equal(3303 + 987 + 4, times["0"].Busy);
        Assert.Equal(["all", "0", "1"], times.Keys);
    }

    [Fact]
    public void Compute_BusyTimeBeyondTrialAndHarness_IsOtherProcessesLoadInCores()
    {
        // Two seconds; both CPUs 150 ticks busy each (3 s of CPU); the trial used 1.2 s, the harness 0.3 s.
        var before = Snapshot(0, 0, 0, harnessMs: 1000, ns: 0);
        var after = Snapshot(300, 150, 150, harnessMs: 1300, ns: 2_000_000_000, steal: 40);

        var state = MachineStateRecorder.Compute(before, after, trialCpuMs: 1200, cpus: [0]);

        Assert.Equal((3.0 - 1.2 - 0.3) / 2, state.OtherCpuCores!.Value, 9);
        Assert.Equal((1.5 - 1.2) / 2, state.OtherCpuCoresOnPinned!.Value, 9);
        Assert.Equal(100.0 * 40 / 340, state.StealPct!.Value, 9);
    }

    [Fact]
    public void Compute_NoProcStat_RecordsNothingRatherThanZero()
    {
        var empty = new MachineSnapshot(new Dictionary<string, CpuTimes>(), 0, 0);

        var state = MachineStateRecorder.Compute(empty, empty with { MonotonicNs = 1_000_000_000 }, 100, null);

        Assert.Null(state.OtherCpuCores);
        Assert.Null(state.StealPct);
    }

    private static MachineSnapshot Snapshot(long allBusy, long busy0, long busy1, double harnessMs, long ns, long steal = 0) => new(
        new Dictionary<string, CpuTimes>
        {
            ["all"] = new(allBusy, steal, allBusy + steal + 100),
            ["0"] = new(busy0, 0, busy0 + 50),
            ["1"] = new(busy1, 0, busy1 + 50),
        },
        harnessMs,
        ns);
}
