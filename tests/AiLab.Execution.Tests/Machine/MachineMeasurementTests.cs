using AiLab.Core.Machine;
using AiLab.Execution.Machine;
using AiLab.Execution.Processes;
using AiLab.Execution.Tests.Processes;

namespace AiLab.Execution.Tests.Machine;

/// <summary>The real per-core calibration and the real machine-state readings, asserting only what holds on any
/// Linux machine: every core gets a finite positive speed, readings are unavailable rather than invented.</summary>
[Collection(LocalProcessCollection.Name)]
public sealed class MachineMeasurementTests : IDisposable
{
    private readonly TrialWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Measure_RealCores_ReturnsAFinitePositiveSpeedForEveryCpu()
    {
        var meter = new CoreSpeedMeter(iterations: 200_000);

        var samples = meter.Measure(rounds: 3, CancellationToken.None);

        Assert.Equal(CpuAffinity.AllowedCpus(), samples.Keys.Order());
        Assert.All(samples.Values, runs =>
        {
            Assert.Equal(3, runs.Count);
            Assert.All(runs, run =>
            {
                Assert.True(double.IsFinite(run.CpuMs) && run.CpuMs > 0, $"{run.CpuMs} ms of CPU");
                Assert.True(double.IsFinite(run.WallMs) && run.WallMs > 0, $"{run.WallMs} ms of wall time");
            });
        });
        var identity = meter.Identify();
        Assert.Equal(Environment.ProcessorCount, identity.LogicalCpus);
        Assert.False(string.IsNullOrWhiteSpace(identity.BootId));
    }

    [Fact]
    public async Task RunAsync_RealTrial_RecordsTheMachineStateWithoutInventingReadings()
    {
        var script = _workspace.Write("quick.py", """
            from probe import mark
            mark("first_batch")
            """);

        var result = await new LocalExecutor().RunAsync(_workspace.Request($"{TrialWorkspace.Python} {script}") with { Cpus = [0] }, default);

        Assert.True(result.Succeeded, result.Reason);
        var state = Assert.IsType<MachineState>(result.Machine);
        Assert.True(state.OtherCpuCores >= 0);
        Assert.True(state.OtherCpuCoresOnPinned >= 0);
        Assert.True(state.MemAvailableMiB > 0);
        Assert.True(state.RunnableTasks >= 0);
        var hasCpufreq = File.Exists("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
        Assert.Equal(hasCpufreq, state.Governor != MachineState.Unavailable);
        Assert.Equal(File.Exists("/sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq"), state.CpuMhz is not null);
        Assert.Equal(File.Exists("/proc/pressure/memory"), state.MemoryPressurePct is not null);
    }

    [Fact]
    public async Task RunAsync_RecordingOff_LeavesMachineStateNull()
    {
        var script = _workspace.Write("quick.py", """
            from probe import mark
            mark("first_batch")
            """);

        var result = await new LocalExecutor(new LocalExecutorOptions { RecordMachineState = false }).RunAsync(_workspace.Request($"{TrialWorkspace.Python} {script}"), default);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Null(result.Machine);
    }
}
