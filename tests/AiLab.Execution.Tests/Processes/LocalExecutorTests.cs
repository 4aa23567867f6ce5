using System.Text.RegularExpressions;
using AiLab.Core.Trials;
using AiLab.Execution.Processes;

namespace AiLab.Execution.Tests.Processes;

[Collection(LocalProcessCollection.Name)]
public sealed class LocalExecutorTests : IDisposable
{
    private readonly TrialWorkspace _workspace = new();
    private readonly LocalExecutor _executor = new();

    [Fact]
    public async Task RunAsync_PythonProbeMarks_ComputesPhasesAndTtfb()
    {
        var script = _workspace.Write("marks.py", """
            import time
            from probe import mark
            mark("imports")
            time.sleep(0.2)
            mark("config_validation")
            time.sleep(0.2)
            mark("first_batch")
            mark("done")
            """);

        var result = await _executor.RunAsync(_workspace.Request($"{TrialWorkspace.Python} {script}"), default);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(FailureKind.None, result.Failure);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["imports", "config_validation", "first_batch", "done"], result.Marks.Select(m => m.Name));
        Assert.All(result.Marks, m => Assert.False(m.Stamped));
        Assert.Equal(["imports", "config_validation", "first_batch"], result.Phases.Select(p => p.Name));
        Assert.InRange(result.Phases[0].DurationMs, 1, 1000);
        Assert.InRange(result.Phases[1].DurationMs, 195, 450);
        Assert.InRange(result.Phases[2].DurationMs, 195, 450);
        Assert.Equal(result.Marks[2].OffsetMs, result.TtfbMs);
        Assert.Equal(result.TtfbMs!.Value, result.Phases.Sum(p => p.DurationMs), 6);
        Assert.InRange(result.TtfbMs.Value, 400, result.WallMs);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task RunAsync_MarksWithoutTimestamp_AreStampedOnReceipt()
    {
        var result = await _executor.RunAsync(_workspace.Request("""
            echo '{"mark": "imports"}' >> "$AILAB_EVENTS"
            sleep 0.3
            echo '{"mark": "first_batch"}' >> "$AILAB_EVENTS"
            """), default);

        Assert.True(result.Succeeded, result.Reason);
        Assert.All(result.Marks, m => Assert.True(m.Stamped));
        Assert.InRange(result.Phases[1].DurationMs, 280, 600);
        Assert.InRange(result.TtfbMs!.Value, 290, result.WallMs + 20);
    }

    [Fact]
    public async Task RunAsync_UnparseableEventLines_WarnsAndStillSucceeds()
    {
        var result = await _executor.RunAsync(_workspace.Request("""
            echo 'not json at all' >> "$AILAB_EVENTS"
            echo '{"phase": "imports"}' >> "$AILAB_EVENTS"
            echo '{"mark": "first_batch"}' >> "$AILAB_EVENTS"
            """), default);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(2, result.Warnings.Count);
        Assert.StartsWith("events line 1: not JSON: not json at all", result.Warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("events line 2: no \"mark\" string", result.Warnings[1], StringComparison.Ordinal);
        Assert.All(result.Warnings, w => Assert.EndsWith("""(expected {"mark": "...", "t_ns": N})""", w, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ExitZeroWithoutFirstBatch_FailsWithNoFirstBatch()
    {
        var request = _workspace.Request("echo working");

        var result = await _executor.RunAsync(request, default);

        Assert.Equal(TrialStatus.Failed, result.Status);
        Assert.Equal(FailureKind.NoFirstBatch, result.Failure);
        Assert.Equal(0, result.ExitCode);
        Assert.Null(result.TtfbMs);
        Assert.Contains("exited 0 without marking first_batch", result.Reason, StringComparison.Ordinal);
        Assert.Contains("first_batch_pattern", result.Reason, StringComparison.Ordinal);
        Assert.Contains(request.LogPath, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ExitThree_FailsWithNonZeroExitAndLastLogLine()
    {
        var request = _workspace.Request("echo starting; echo 'ValueError: bad config' >&2; echo; exit 3");

        var result = await _executor.RunAsync(request, default);

        Assert.Equal(FailureKind.NonZeroExit, result.Failure);
        Assert.Equal(3, result.ExitCode);
        Assert.Null(result.Signal);
        Assert.Contains("exited with code 3", result.Reason, StringComparison.Ordinal);
        Assert.Contains("last log line: \"ValueError: bad config\"", result.Reason, StringComparison.Ordinal);
        Assert.Contains(request.LogPath, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownCommand_ReportsCommandNotFound()
    {
        var result = await _executor.RunAsync(_workspace.Request("nonexistent-cmd-xyz --flag"), default);

        Assert.Equal(FailureKind.NonZeroExit, result.Failure);
        Assert.Equal(127, result.ExitCode);
        Assert.Contains("command not found", result.Reason, StringComparison.Ordinal);
        Assert.Contains("nonexistent-cmd-xyz", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingWorkingDirectory_FailsWithSpawnFailedAndErrnoText()
    {
        var missing = Path.Combine(_workspace.Root, "no-such-dir");
        var request = _workspace.Request("echo never", workingDirectory: missing);

        var result = await _executor.RunAsync(request, default);

        Assert.Equal(FailureKind.SpawnFailed, result.Failure);
        Assert.Null(result.ExitCode);
        Assert.Contains(missing, result.Reason, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", result.Reason, StringComparison.Ordinal);
        Assert.Contains(request.LogPath, result.Reason, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", await File.ReadAllTextAsync(request.LogPath));
    }

    [Fact]
    public async Task RunAsync_WorkingDirectory_IsWhereTheCommandRuns()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_workspace.Root, "work dir")).FullName;
        var request = _workspace.Request("pwd; echo '{\"mark\": \"first_batch\"}' >> \"$AILAB_EVENTS\"", workingDirectory: dir);

        var result = await _executor.RunAsync(request, default);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(dir + "\n", await File.ReadAllTextAsync(request.LogPath));
    }

    [Fact]
    public async Task RunAsync_FallbackPattern_MarksFirstBatchOnMatchingLine()
    {
        var request = _workspace.Request("echo loading; sleep 0.3; echo 'epoch 0 step 1 loss=0.69' >&2; sleep 0.3; echo 'step 2'",
            pattern: new Regex(@"step 1\b"));

        var result = await _executor.RunAsync(request, default);

        Assert.True(result.Succeeded, result.Reason);
        var mark = Assert.Single(result.Marks);
        Assert.Equal("first_batch", mark.Name);
        Assert.True(mark.Stamped);
        Assert.InRange(result.TtfbMs!.Value, 290, 580);
    }

    [Fact]
    public async Task RunAsync_ProbeAndPattern_ProbeFirstBatchWins()
    {
        var request = _workspace.Request("echo 'first batch!'; sleep 0.2; echo '{\"mark\": \"first_batch\"}' >> \"$AILAB_EVENTS\"",
            pattern: new Regex("first batch"));

        var result = await _executor.RunAsync(request, default);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Single(result.Marks);
        Assert.InRange(result.TtfbMs!.Value, 190, result.WallMs + 20);
    }

    [Fact]
    public async Task RunAsync_Environment_SetsAndRemovesVariablesAndExportsEventsPath()
    {
        const string removed = "AILAB_EXECUTOR_TEST_REMOVED";
        Environment.SetEnvironmentVariable(removed, "inherited");
        var request = _workspace.Request($"echo \"set=$AILAB_TEST_SET\"; echo \"removed=${{{removed}-unset}}\"; echo \"events=$AILAB_EVENTS\"",
            environment: new Dictionary<string, string?> { ["AILAB_TEST_SET"] = "a b=c", [removed] = null });

        var result = await _executor.RunAsync(request, default);

        Assert.Equal(FailureKind.NoFirstBatch, result.Failure);
        var lines = await File.ReadAllLinesAsync(request.LogPath);
        Assert.Equal(["set=a b=c", "removed=unset", $"events={request.EventsPath}"], lines);
    }

    [Fact]
    public async Task RunAsync_StdoutAndStderr_LandInTheLogInArrivalOrder()
    {
        var request = _workspace.Request("printf 'out 1\\n'; sleep 0.05; printf 'err 1\\n' >&2; sleep 0.05; printf 'out 2\\nno newline'");

        await _executor.RunAsync(request, default);

        Assert.Equal("out 1\nerr 1\nout 2\nno newline", await File.ReadAllTextAsync(request.LogPath));
    }

    [Fact]
    public async Task RunAsync_StaleEventsFile_IsNotCounted()
    {
        var request = _workspace.Request("echo fresh");
        Directory.CreateDirectory(Path.GetDirectoryName(request.EventsPath)!);
        await File.WriteAllTextAsync(request.EventsPath, "{\"mark\": \"first_batch\"}\n");

        var result = await _executor.RunAsync(request, default);

        Assert.Equal(FailureKind.NoFirstBatch, result.Failure);
        Assert.Empty(result.Marks);
    }

    [Fact]
    public async Task RunAsync_StartedAt_ComesFromTheTimeProvider()
    {
        var now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var executor = new LocalExecutor(timeProvider: new FixedTimeProvider(now));

        var result = await executor.RunAsync(_workspace.Request("true"), default);

        Assert.Equal(now, result.StartedAt);
        Assert.InRange(result.WallMs, 0.01, 5000);
    }

    [Fact]
    public async Task RunAsync_KilledBySignal_FailsWithSignaled()
    {
        var result = await _executor.RunAsync(_workspace.Request("echo about to crash; kill -SEGV $$"), default);

        Assert.Equal(FailureKind.Signaled, result.Failure);
        Assert.Equal(11, result.Signal);
        Assert.Null(result.ExitCode);
        Assert.Contains("SIGSEGV", result.Reason, StringComparison.Ordinal);
        Assert.Contains("about to crash", result.Reason, StringComparison.Ordinal);
    }

    public void Dispose() => _workspace.Dispose();

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
