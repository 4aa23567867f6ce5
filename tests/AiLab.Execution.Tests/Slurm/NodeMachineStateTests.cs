using System.Diagnostics;
using AiLab.Execution.Slurm;

namespace AiLab.Execution.Tests.Slurm;

/// <summary>The node's load during a Slurm trial, from the batch script's two /proc/stat readings.</summary>
public sealed class NodeMachineStateTests
{
    // Two seconds of the node's wall clock (the script's EPOCHREALTIME stamps) between the readings.
    private const string Stamps = "started=100.000000\nended=102.000000\nexit=0\n";

    // cpu0 is the trial's (allowed) CPU, cpu1 its partner's. Over the 2 s (200 ticks per CPU): the trial used
    // 120 ticks of CPU time (children's times: 1.2 s), cpu0 was busy 180 ticks, cpu1 190 ticks, 5 ticks stolen.
    private const string Before = "stat_before=cpu  1000 0 0 5000 0 0 0 0 0 0;cpu0 500 0 0 2500 0 0 0 0 0 0;"
                                  + "cpu1 500 0 0 2500 0 0 0 0 0 0;\n";

    private const string After = "stat_after=cpu  1370 0 0 5025 0 0 0 5 0 0;cpu0 680 0 0 2520 0 0 0 0 0 0;"
                                 + "cpu1 690 0 0 2505 0 0 0 5 0 0;\n";

    private const string Rest = "children=0m1.000s 0m0.200s\nprocs_running=3\nload_average=4.25\nmemory_pressure=1.50\n"
                                + "cpus_online=2\n";

    [Fact]
    public void From_JobBoundToOneCpu_CountsTheOthersOnThatCpuNotThePartnersCpu()
    {
        var handover = Handover.Parse(Stamps + Before + After + Rest + "cpus_allowed=0\n")!;

        var state = NodeMachineState.From(handover)!;

        // cpu0: 180 ticks busy − 120 the trial's = 0.6 s over 2 s.
        Assert.Equal(0.3, state.OtherCpuCoresOnPinned!.Value, 6);
        // All CPUs: 370 − 120 = 250 ticks over 2 s; the partner's CPU counts here, not in the judged figure.
        Assert.Equal(1.25, state.OtherCpuCores!.Value, 6);
        Assert.Equal(100.0 * 5 / 400, state.StealPct!.Value, 6);
        Assert.Equal(2, state.RunnableTasks);
        Assert.Equal(4.25, state.LoadAverage1);
        Assert.Equal(1.5, state.MemoryPressurePct);
    }

    [Fact]
    public void From_JobAllowedEveryCpu_NotPinned()
    {
        var handover = Handover.Parse(Stamps + Before + After + Rest + "cpus_allowed=0-1\n")!;

        var state = NodeMachineState.From(handover)!;

        Assert.Null(state.OtherCpuCoresOnPinned);
        Assert.Equal(1.25, state.OtherCpuCores!.Value, 6);
    }

    [Fact]
    public void From_ScriptWithoutTheReadings_IsNull()
    {
        var handover = Handover.Parse(Stamps + Rest + "cpus_allowed=0\n")!;

        Assert.Null(NodeMachineState.From(handover));
    }

    [Theory]
    [InlineData("3", new[] { 3 })]
    [InlineData("0-1", new[] { 0, 1 })]
    [InlineData("0,2-4", new[] { 0, 2, 3, 4 })]
    public void Cpus_LinuxCpuList_Expanded(string list, int[] expected) =>
        Assert.Equal(expected, NodeMachineState.Cpus(list));

    [Theory]
    [InlineData("unknown")]
    [InlineData("4-2")]
    [InlineData("")]
    public void Cpus_NotACpuList_IsNull(string list) => Assert.Null(NodeMachineState.Cpus(list));

    [Fact]
    public void BatchScript_RunByBash_ReportsTheNodesReadingsAroundTheWorkload()
    {
        // The real script, run by bash outside Slurm (the pong is already there, so it does not wait for a host).
        var directory = Directory.CreateTempSubdirectory("ailab-batch-");
        try
        {
            var files = TrialFiles.For(Path.Combine(directory.FullName, "0001-A.log"));
            File.WriteAllText(files.Pong, "1\n");
            const string Workload = "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done";
            File.WriteAllText(files.Script, BatchScript.Render(Workload, files));
            using (var bash = Process.Start("bash", files.Script)) Assert.True(bash.WaitForExit(60_000));

            var handover = Handover.Parse(File.ReadAllText(files.Handover))!;
            var state = NodeMachineState.From(handover)!;

            Assert.Contains("cpu ", handover.StatBefore, StringComparison.Ordinal);
            Assert.NotNull(handover.ProcsRunning);
            Assert.NotNull(handover.LoadAverage1);
            Assert.NotNull(state.OtherCpuCores);
            Assert.True(state.OtherCpuCores >= 0);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
