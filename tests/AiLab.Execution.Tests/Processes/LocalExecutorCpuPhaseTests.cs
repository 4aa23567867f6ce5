using AiLab.Execution.Processes;

namespace AiLab.Execution.Tests.Processes;

/// <summary>Phase CPU time through the real Python probe and a real process, against a workload of known
/// size.</summary>
[Collection(LocalProcessCollection.Name)]
public sealed class LocalExecutorCpuPhaseTests : IDisposable
{
    private readonly TrialWorkspace _workspace = new();
    private readonly LocalExecutor _executor = new();

    [Fact]
    public async Task RunAsync_BusyLoopThenSleep_PhaseCpuIsTheLoopsCpuAndTheSleepCostsNone()
    {
        // 300 ms of the process's own CPU spinning (measured on its CPU clock, so a loaded machine only stretches the
        // wall time), then 300 ms asleep.
        var script = _workspace.Write("known.py", """
            import time
            from ailab_probe import mark
            mark("imports")
            end = time.process_time_ns() + 300_000_000
            while time.process_time_ns() < end:
                pass
            mark("busy")
            time.sleep(0.3)
            mark("asleep")
            mark("first_batch")
            """);
        var request = _workspace.Request($"{TrialWorkspace.Python} {script}",
            environment: new Dictionary<string, string?> { ["PYTHONPATH"] = RealProbeDirectory() });

        var result = await _executor.RunAsync(request, default);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Empty(result.Warnings);
        Assert.All(result.Marks, m => Assert.NotNull(m.Pid));
        var busy = result.Phases.Single(p => p.Name == "busy");
        var asleep = result.Phases.Single(p => p.Name == "asleep");
        Assert.InRange(busy.CpuMs!.Value, 300, 340);   // the mark itself costs microseconds
        Assert.InRange(asleep.CpuMs!.Value, 0, 15);
        Assert.True(asleep.DurationMs >= 300, $"asleep {asleep.DurationMs} ms");
        Assert.True(busy.DurationMs >= busy.CpuMs.Value - 1, "one thread cannot spend more CPU than wall time");
        // The first phase counts from the interpreter's start: its CPU is the start-up's, never negative.
        Assert.InRange(result.Phases[0].CpuMs!.Value, 1, result.Phases[0].DurationMs + 1);
    }

    public void Dispose() => _workspace.Dispose();

    /// <summary>The repository's probes/python, found up from the test's build folder.</summary>
    private static string RealProbeDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "probes", "python");
            if (Directory.Exists(Path.Combine(candidate, "ailab_probe"))) return candidate;
        }

        throw new InvalidOperationException("probes/python not found above " + AppContext.BaseDirectory);
    }
}
