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

    [Fact]
    public async Task RunAsync_CpusGiven_KeepsEveryHarnessThreadOffTheTrialCpusWhileItRuns()
    {
        if (Environment.ProcessorCount < 2) return; // one CPU: the harness has nowhere else to go
        // The workload reads the harness's threads' masks from /proc while it runs, which is when they matter.
        var script = _workspace.Write("harness.py", """
            import glob, os
            from probe import mark
            masks = set()
            for status in glob.glob("/proc/%d/task/*/status" % os.getppid()):
                try:
                    line = [l for l in open(status) if l.startswith("Cpus_allowed_list")][0]
                    masks.add(line.split()[1])
                except (OSError, IndexError):
                    pass  # a thread that ended while it was read
            print("harness", " ".join(sorted(masks)))
            mark("first_batch")
            """);
        var request = _workspace.Request($"{TrialWorkspace.Python} {script}") with { Cpus = [0] };

        var result = await new LocalExecutor().RunAsync(request, default);

        Assert.True(result.Succeeded, result.Reason);
        var line = File.ReadAllLines(result.LogPath!).Single(l => l.StartsWith("harness ", StringComparison.Ordinal));
        var masks = line["harness ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(masks);
        Assert.All(masks, mask => Assert.DoesNotContain(0, Expand(mask)));
    }

    public void Dispose() => _workspace.Dispose();

    private static IEnumerable<int> Expand(string list) => list.Split(',').SelectMany(part =>
    {
        var ends = part.Split('-')
            .Select(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return Enumerable.Range(ends[0], ends[^1] - ends[0] + 1);
    });

    private static string AllowedList(string status) =>
        status.Split('\n').First(l => l.StartsWith("Cpus_allowed_list", StringComparison.Ordinal));
}
