using AiLab.Core.Trials;
using AiLab.Execution.Processes;

namespace AiLab.Execution.Tests.Processes;

/// <summary>peak_rss measures the workload's process tree and nothing of the harness: checked against workloads of
/// known size (docs/benchmarks.md, "peak_rss check").</summary>
[Collection(LocalProcessCollection.Name)]
public sealed class LocalExecutorPeakMemoryTests : IDisposable
{
    private const double MiB = 1024 * 1024;
    private const string Touch100MiB = "x = bytearray(100 * 1024 * 1024)\nfor i in range(0, len(x), 4096): x[i] = 1";

    private readonly TrialWorkspace _workspace = new();
    private readonly LocalExecutor _executor = new();

    // Ballast the harness holds while the trials run: ru_maxrss used to carry it into every workload's figure.
    private byte[]? _ballast;

    [CgroupFact]
    public async Task RunAsync_BinTrue_PeakIsUnder5MiBWhateverTheHarnessHolds()
    {
        _ballast = new byte[200 * 1024 * 1024];
        Array.Fill(_ballast, (byte)1);

        var result = await _executor.RunAsync(_workspace.Request("/bin/true"), default);

        Assert.True(result.Succeeded || result.Failure == FailureKind.NoFirstBatch, result.Reason);
        Assert.Equal(ResourceUsage.CgroupMethod, result.Resources.PeakRssMethod);
        Assert.InRange(result.Resources.PeakRssBytes, 1, 5 * MiB);
        GC.KeepAlive(_ballast);
    }

    [CgroupFact]
    public async Task RunAsync_PythonTouching100MiB_ReadsHundredMiBAboveTheBareInterpreter()
    {
        var bare = await PeakMiB($"{TrialWorkspace.Python} -c pass");
        var touched = await PeakMiB($"{TrialWorkspace.Python} -c '{Touch100MiB}'");

        // The workload's own 100 MiB, within 5%; the interpreter itself is the baseline it sits on.
        Assert.InRange(touched - bare, 95, 105);
        // The issue's literal check, the whole process: holds because the cgroup charges the interpreter only the
        // pages it was first to touch (~3 MiB here; its shared libraries are already in the page cache).
        Assert.InRange(touched, 95, 105);
    }

    [CgroupFact]
    public async Task RunAsync_ConstantWorkloadTenTimes_PeakDoesNotDrift()
    {
        var peaks = new List<double>();
        for (var i = 0; i < 10; i++)
            peaks.Add(await PeakMiB($"{TrialWorkspace.Python} -c '{Touch100MiB}'"));

        // The old figure grew with the harness's heap (56.8 to 64.2 MiB over 10 trials); the tree's own is steady.
        Assert.True(peaks.Max() - peaks.Min() < 2, $"peaks drifted: {string.Join(", ", peaks.Select(p => $"{p:0.0}"))}");
        Assert.True(peaks[^1] - peaks[0] < 1.5, $"peaks drifted: {string.Join(", ", peaks.Select(p => $"{p:0.0}"))}");
    }

    [CgroupFact]
    public async Task RunAsync_ShortLivedGrandchildren_AreCountedFromTheirFirstPage()
    {
        // Each child lives a few milliseconds, below the old sampler's reach; the cgroup's high-water mark sees it.
        var script = _workspace.Write("burst.sh", $"""
            for i in 1 2 3; do {TrialWorkspace.Python} -S -c 'b = b"x" * (60 * 1024 * 1024)'; done
            """);

        var peak = await PeakMiB($"/bin/sh {script}");

        Assert.InRange(peak, 60, 90);
    }

    private async Task<double> PeakMiB(string command)
    {
        var result = await _executor.RunAsync(_workspace.Request(command), default);
        Assert.True(result.ExitCode == 0, $"{command}: {result.Reason}");
        Assert.Equal(ResourceUsage.CgroupMethod, result.Resources.PeakRssMethod);
        return result.Resources.PeakRssBytes / MiB;
    }

    public void Dispose() => _workspace.Dispose();
}
