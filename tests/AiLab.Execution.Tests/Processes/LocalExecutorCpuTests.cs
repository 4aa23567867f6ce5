using AiLab.Execution.Processes;

namespace AiLab.Execution.Tests.Processes;

[Collection(LocalProcessCollection.Name)]
public sealed class LocalExecutorCpuTests : IDisposable
{
    private readonly TrialWorkspace _workspace = new();

    [Fact]
    public async Task RunAsync_CpusGiven_PinsTheWholeTreeAndLeavesTheHarnessUnpinned()
    {
        var script = _workspace.Write("cpus.py", """
            import os, subprocess, sys
            from probe import mark
            child = subprocess.run([sys.executable, "-c", "import os; print(sorted(os.sched_getaffinity(0)))"], capture_output=True, text=True).stdout.strip()
            print("self", sorted(os.sched_getaffinity(0)), "child", child)
            mark("first_batch")
            """);
        var request = _workspace.Request($"{TrialWorkspace.Python} {script}") with { Cpus = [0] };
        var before = AllowedList(File.ReadAllText("/proc/self/status"));

        var result = await new LocalExecutor().RunAsync(request, default);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Contains("self [0] child [0]", File.ReadAllText(result.LogPath!), StringComparison.Ordinal);
        // The spawning thread was pinned only for the instant of posix_spawn: no harness thread stays pinned.
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            var status = Path.Combine(task, "status");
            if (File.Exists(status)) Assert.Equal(before, AllowedList(File.ReadAllText(status)));
        }
    }

    public void Dispose() => _workspace.Dispose();

    private static string AllowedList(string status) =>
        status.Split('\n').First(l => l.StartsWith("Cpus_allowed_list", StringComparison.Ordinal));
}
