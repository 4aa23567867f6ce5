using System.Text.RegularExpressions;
using AiLab.Core.Trials;
using AiLab.Execution.Processes;

namespace AiLab.Execution.Tests.Processes;

/// <summary>Stopping a trial once its marks have arrived, with real processes: it must never turn a success into a
/// failure, hide a failure of the workload's own, or leave a process behind.</summary>
[Collection(LocalProcessCollection.Name)]
public sealed class LocalExecutorStopTests : IDisposable
{
    private const int SigTerm = 15;
    private static readonly string[] FirstBatch = ["first_batch"];

    private readonly TrialWorkspace _workspace = new();
    private readonly LocalExecutor _executor = new(new LocalExecutorOptions { StopGracePeriod = TimeSpan.FromMilliseconds(500) });

    private TrialRequest Stopping(string command, IReadOnlyList<string>? needed = null, Regex? pattern = null) =>
        _workspace.Request(command, timeout: TimeSpan.FromSeconds(60), pattern: pattern)
            with { NeededMarks = needed ?? FirstBatch, StopAtMarks = true };

    [Fact]
    public async Task RunAsync_LongTrainingAfterFirstBatch_StopsAfterTheMarkAndSucceeds()
    {
        var script = _workspace.Write("train.py", """
            import time
            from probe import mark
            mark("imports")
            mark("first_batch")
            time.sleep(600)
            print("training finished")
            mark("done")
            """);

        var result = await _executor.RunAsync(Stopping($"{TrialWorkspace.Python} {script}"), default);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(TrialStop.Reason, result.Reason);
        Assert.NotNull(result.Stop);
        Assert.Equal("first_batch", result.Stop.AfterMark);
        Assert.False(result.Stop.Forced);
        Assert.Equal(SigTerm, result.Signal);
        Assert.NotNull(result.TtfbMs);
        Assert.NotNull(result.MarksReached);
        Assert.InRange(result.MarksReached.AtMs, result.TtfbMs.Value, result.Stop.AtMs);
        Assert.InRange(result.Stop.AtMs, result.MarksReached.AtMs, result.WallMs);
        Assert.DoesNotContain(result.Marks, m => m.Name == "done");
        Assert.DoesNotContain("training finished", await File.ReadAllTextAsync(result.LogPath!), StringComparison.Ordinal);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task RunAsync_MarkThenImmediateExit_AlwaysSucceeds()
    {
        // The race: the workload exits while the harness decides to stop it. Whichever wins, the trial succeeds,
        // and a trial the harness did not stop keeps the workload's own exit code.
        for (var i = 0; i < 15; i++)
        {
            var result = await _executor.RunAsync(
                Stopping("""echo '{"mark": "first_batch"}' >> "$AILAB_EVENTS"; exit 0"""), default);

            Assert.True(result.Succeeded, $"run {i}: {result.Reason}");
            if (result.Stop is null)
            {
                Assert.Equal(0, result.ExitCode);
                Assert.Null(result.Reason);
            }
            else
            {
                Assert.Equal(TrialStop.Reason, result.Reason);
            }
        }
    }

    [Fact]
    public async Task RunAsync_SigtermHandlerExitsNonZero_StillSucceeds()
    {
        var script = _workspace.Write("handler.py", """
            import signal, sys, time
            from probe import mark
            def on_term(signum, frame):
                print("saving a checkpoint before exiting", flush=True)
                sys.exit(3)
            signal.signal(signal.SIGTERM, on_term)
            mark("first_batch")
            time.sleep(600)
            """);

        // A grace a loaded machine cannot overrun: the point is the handler's exit code, not how fast it comes.
        var patient = new LocalExecutor(new LocalExecutorOptions { StopGracePeriod = TimeSpan.FromSeconds(10) });
        var result = await patient.RunAsync(Stopping($"{TrialWorkspace.Python} {script}"), default);

        Assert.True(result.Succeeded, result.Reason);
        Assert.NotNull(result.Stop);
        Assert.True(result.ExitCode == 3, $"exit code {result.ExitCode}, signal {result.Signal}, forced {result.Stop.Forced}, "
                                          + await File.ReadAllTextAsync(result.LogPath!));
        Assert.False(result.Stop.Forced);
    }

    [Fact]
    public async Task RunAsync_WorkloadIgnoresSigterm_IsKilledAfterTheGraceAndSucceeds()
    {
        var pidFile = Path.Combine(_workspace.Root, "stubborn.pid");
        var request = Stopping($"trap '' TERM; sleep 1000 & echo $! > '{pidFile}'; "
                               + """echo '{"mark": "first_batch"}' >> "$AILAB_EVENTS"; wait""");

        var result = await _executor.RunAsync(request, default);

        Assert.True(result.Succeeded, result.Reason);
        Assert.NotNull(result.Stop);
        Assert.True(result.Stop.Forced);
        Assert.Equal(9, result.Signal);
        Assert.Contains(result.Warnings, w => w.Contains("ignored SIGTERM", StringComparison.Ordinal));
        var stubborn = int.Parse(await File.ReadAllTextAsync(pidFile));
        Assert.True(await TrialWorkspace.WaitUntilDeadAsync(stubborn, TimeSpan.FromSeconds(5)), $"pid {stubborn} survived");
    }

    [Fact]
    public async Task RunAsync_FailureBeforeTheMark_IsStillAFailure()
    {
        var result = await _executor.RunAsync(Stopping("""
            echo '{"mark": "imports"}' >> "$AILAB_EVENTS"
            echo 'bad config' >&2
            exit 2
            """), default);

        Assert.False(result.Succeeded);
        Assert.Equal(FailureKind.NonZeroExit, result.Failure);
        Assert.Null(result.Stop);
        Assert.Null(result.MarksReached);
    }

    [Fact]
    public async Task RunAsync_CrashAfterTheMarkWhenRunToCompletion_IsStillAFailure()
    {
        var request = _workspace.Request("""
            echo '{"mark": "first_batch"}' >> "$AILAB_EVENTS"
            sleep 0.3
            exit 1
            """) with { NeededMarks = FirstBatch, StopAtMarks = false };

        var result = await _executor.RunAsync(request, default);

        Assert.Equal(FailureKind.NonZeroExit, result.Failure);
        Assert.Null(result.Stop);
        Assert.NotNull(result.MarksReached);
    }

    [Fact]
    public async Task RunAsync_NeedsALaterPhase_StopsOnlyAfterIt()
    {
        var script = _workspace.Write("steady.py", """
            import time
            from probe import mark
            mark("first_batch")
            time.sleep(0.3)
            mark("steady_state")
            time.sleep(600)
            """);

        var result = await _executor.RunAsync(
            Stopping($"{TrialWorkspace.Python} {script}", ["first_batch", "steady_state"]), default);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal("steady_state", result.Stop?.AfterMark);
        Assert.Contains(result.Marks, m => m.Name == "steady_state");
        Assert.True(result.Stop!.AtMs >= result.Marks.Single(m => m.Name == "steady_state").OffsetMs);
    }

    [Fact]
    public async Task RunAsync_FirstBatchFromThePattern_StopsAfterTheMatchingLine()
    {
        var request = Stopping("echo 'step 1 loss 0.5'; sleep 1000", pattern: new Regex(@"^step 1\b"));

        var result = await _executor.RunAsync(request, default);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal("first_batch", result.Stop?.AfterMark);
        Assert.NotNull(result.TtfbMs);
    }

    [Fact]
    public async Task RunAsync_StopsTheWholeGroup_NoChildSurvives()
    {
        var pidFile = Path.Combine(_workspace.Root, "worker.pid");
        var request = Stopping($"sleep 1000 & echo $! > '{pidFile}'; "
                               + """echo '{"mark": "first_batch"}' >> "$AILAB_EVENTS"; wait""");

        var result = await _executor.RunAsync(request, default);

        Assert.True(result.Succeeded, result.Reason);
        Assert.NotNull(result.Stop);
        var worker = int.Parse(await File.ReadAllTextAsync(pidFile));
        Assert.True(await TrialWorkspace.WaitUntilDeadAsync(worker, TimeSpan.FromSeconds(5)), $"pid {worker} survived");
    }

    [Fact]
    public async Task RunAsync_RunToCompletion_RecordsWhatTheTailCost()
    {
        var script = _workspace.Write("tail.py", """
            import time
            from probe import mark
            mark("first_batch")
            end = time.process_time() + 0.4
            while time.process_time() < end:
                pass
            """);
        var request = _workspace.Request($"{TrialWorkspace.Python} {script}")
            with { NeededMarks = FirstBatch, StopAtMarks = false, Gpus = 2 };

        var result = await _executor.RunAsync(request, default);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Null(result.Stop);
        Assert.NotNull(result.MarksReached?.CpuMs);
        // The busy loop after the mark is CPU the trial spent after its measurement was done.
        Assert.True(result.Resources.CpuTotalMs - result.MarksReached.CpuMs > 200,
            $"total {result.Resources.CpuTotalMs} ms, at the mark {result.MarksReached.CpuMs} ms");
        Assert.Equal(2 * result.WallMs, result.GpuMs);
    }

    public void Dispose() => _workspace.Dispose();
}
