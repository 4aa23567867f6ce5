using System.Diagnostics;
using AiLab.Core.Trials;
using AiLab.Execution.Processes;

namespace AiLab.Execution.Tests.Processes;

[Collection(LocalProcessCollection.Name)]
public sealed class LocalExecutorResourceTests : IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly TrialWorkspace _workspace = new();
    private readonly LocalExecutor _executor = new();

    [Fact]
    public async Task RunAsync_GrandchildBurningCpu_IsCounted()
    {
        var script = _workspace.Write("burn.py", """
            import subprocess, sys
            from probe import mark
            burner = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: sum(range(20000))"
            subprocess.run([sys.executable, "-S", "-c", burner], check=True)
            mark("first_batch")
            """);

        // "; true" keeps sh from exec'ing python, so the burner really is a grandchild of the spawned process.
        var result = await _executor.RunAsync(_workspace.Request($"{TrialWorkspace.Python} {script}; true"), default);

        Assert.True(result.Succeeded, result.Reason);
        Assert.InRange(result.Resources.CpuTotalMs, 290, 5000);
        Assert.True(result.Resources.CpuUserMs >= 200, $"user {result.Resources.CpuUserMs} ms");
    }

    [Fact]
    public async Task RunAsync_ChildAllocating200MB_PeakRssCountsIt()
    {
        var script = _workspace.Write("alloc.py", """
            import subprocess, sys
            from probe import mark
            hog = "import time\nb = b'x' * (200 * 1024 * 1024)\ntime.sleep(0.3)"
            subprocess.run([sys.executable, "-S", "-c", hog], check=True)
            mark("first_batch")
            """);

        var result = await _executor.RunAsync(_workspace.Request($"{TrialWorkspace.Python} {script}; true"), default);

        Assert.True(result.Succeeded, result.Reason);
        Assert.InRange(result.Resources.PeakRssBytes, 180 * MiB, 400 * MiB);
    }

    [Fact]
    public async Task RunAsync_ConcurrentChildren_PeakRssIsTheSumNotTheLargest()
    {
        // Two workers of 120 MiB each, alive at the same time: ru_maxrss would say ~125 MiB, the tree held ~240 MiB.
        var script = _workspace.Write("workers.py", """
            import subprocess, sys
            from probe import mark
            hog = "import time\nb = b'x' * (120 * 1024 * 1024)\ntime.sleep(0.4)"
            workers = [subprocess.Popen([sys.executable, "-S", "-c", hog]) for _ in range(2)]
            for w in workers:
                w.wait()
            mark("first_batch")
            """);

        var result = await _executor.RunAsync(_workspace.Request($"{TrialWorkspace.Python} {script}"), default);

        Assert.True(result.Succeeded, result.Reason);
        Assert.InRange(result.Resources.PeakRssBytes, 235 * MiB, 500 * MiB);
    }

    [Fact]
    public async Task RunAsync_WhileRuntimeReapsItsOwnChildren_StillGetsTheExitStatus()
    {
        // System.Diagnostics.Process children make the runtime handle SIGCHLD; it must not reap our pid.
        var trial = _executor.RunAsync(_workspace.Request("sleep 0.4; exit 7"), default);
        for (var i = 0; i < 8 && !trial.IsCompleted; i++)
        {
            using var other = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "exit 0"]))!;
            await other.WaitForExitAsync();
            Assert.Equal(0, other.ExitCode);
        }

        var result = await trial;

        Assert.Equal(7, result.ExitCode);
        Assert.Equal(FailureKind.NonZeroExit, result.Failure);
    }

    [Fact]
    public async Task RunAsync_ConcurrentTrials_KeepTheirOwnResults()
    {
        var trials = Enumerable.Range(0, 4).Select(i => _executor.RunAsync(_workspace.Request(
            $"echo trial {i}; sleep 0.{i + 1}; exit {i + 10}"), default)).ToList();

        var results = await Task.WhenAll(trials);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(i + 10, results[i].ExitCode);
            Assert.Equal($"trial {i}\n", await File.ReadAllTextAsync(results[i].LogPath!));
        }
    }

    public void Dispose() => _workspace.Dispose();
}
