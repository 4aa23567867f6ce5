using AiLab.Core.Trials;
using AiLab.Execution.Processes;

namespace AiLab.Execution.Tests.Processes;

public sealed class TrialOutcomeClassifierTests
{
    private const string Log = "/tmp/trial.log";

    private static TrialFacts Facts(int? exitCode = 0, int? signal = null, double? ttfb = 120, bool timedOut = false,
        bool interrupted = false, string? spawnError = null, string? lastLine = "last words", bool stopped = false) =>
        new(Log, spawnError, spawnError is null ? new ExitStatus(exitCode, signal, 1, 1, 1) : null, timedOut, interrupted,
            TimeSpan.FromSeconds(30), 1500, ttfb, lastLine, stopped);

    [Theory]
    [InlineData(null, 15)]
    [InlineData(null, 9)]
    [InlineData(143, null)]
    [InlineData(3, null)]
    public void Classify_StoppedAfterTheMarks_SucceedsHoweverTheProcessEnded(int? exitCode, int? signal)
    {
        var outcome = TrialOutcomeClassifier.Classify(Facts(exitCode, signal, stopped: true));

        Assert.Equal(new TrialOutcome(TrialStatus.Succeeded, FailureKind.None, null), outcome);
    }

    [Fact]
    public void Classify_StoppedButFirstBatchUnusable_FailsAndSaysWhy()
    {
        var outcome = TrialOutcomeClassifier.Classify(Facts(exitCode: null, signal: 15, ttfb: null, stopped: true));

        Assert.Equal(FailureKind.NoFirstBatch, outcome.Failure);
        Assert.Contains("first_batch could not be used", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_ExitZeroWithFirstBatch_Succeeds()
    {
        var outcome = TrialOutcomeClassifier.Classify(Facts());

        Assert.Equal(new TrialOutcome(TrialStatus.Succeeded, FailureKind.None, null), outcome);
    }

    [Fact]
    public void Classify_TimedOutBeforeFirstBatch_SaysSo()
    {
        var outcome = TrialOutcomeClassifier.Classify(Facts(exitCode: null, signal: 15, ttfb: null, timedOut: true));

        Assert.Equal(FailureKind.TimedOut, outcome.Failure);
        Assert.StartsWith("timed out after 30s before first_batch;", outcome.Reason, StringComparison.Ordinal);
        Assert.EndsWith($"(log: {Log})", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_TimedOutAfterFirstBatch_StillFails()
    {
        var outcome = TrialOutcomeClassifier.Classify(Facts(exitCode: null, signal: 15, ttfb: 812.25, timedOut: true));

        Assert.Equal(TrialStatus.Failed, outcome.Status);
        Assert.StartsWith("timed out after 30s after first_batch (reached at 812.3ms)", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_Interrupted_WinsOverExitStatus()
    {
        var outcome = TrialOutcomeClassifier.Classify(Facts(exitCode: null, signal: 15, interrupted: true));

        Assert.Equal(FailureKind.Interrupted, outcome.Failure);
        Assert.Contains("interrupted after 1.5s", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_SpawnError_CarriesTheErrorAndLog()
    {
        var outcome = TrialOutcomeClassifier.Classify(Facts(spawnError: "could not start: No such file or directory (errno 2)"));

        Assert.Equal(FailureKind.SpawnFailed, outcome.Failure);
        Assert.Equal($"could not start: No such file or directory (errno 2) (log: {Log})", outcome.Reason);
    }

    [Theory]
    [InlineData(1, "exited with code 1; last log line: \"last words\"")]
    [InlineData(127, "exited with code 127: command not found (sh could not find the command)")]
    [InlineData(126, "exited with code 126: command found but not executable")]
    [InlineData(137, "exited with code 137: probably a child killed by signal 9 (SIGKILL")]
    public void Classify_NonZeroExit_ExplainsTheCode(int code, string expected)
    {
        var outcome = TrialOutcomeClassifier.Classify(Facts(exitCode: code));

        Assert.Equal(FailureKind.NonZeroExit, outcome.Failure);
        Assert.StartsWith(expected, outcome.Reason, StringComparison.Ordinal);
        Assert.EndsWith($"(log: {Log})", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_NonZeroExitWithEmptyLog_SaysTheLogIsEmpty()
    {
        var outcome = TrialOutcomeClassifier.Classify(Facts(exitCode: 2, lastLine: null));

        Assert.Contains("the log is empty", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_Signaled_NamesTheSignal()
    {
        var outcome = TrialOutcomeClassifier.Classify(Facts(exitCode: null, signal: 9));

        Assert.Equal(FailureKind.Signaled, outcome.Failure);
        Assert.StartsWith("killed by signal 9 (SIGKILL; the kernel's OOM killer", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_ExitZeroWithoutFirstBatch_PointsAtTheProbe()
    {
        var outcome = TrialOutcomeClassifier.Classify(Facts(ttfb: null));

        Assert.Equal(FailureKind.NoFirstBatch, outcome.Failure);
        Assert.Equal("exited 0 without marking first_batch; mark it with the probe (see probes/python) or set "
                     + $"first_batch_pattern (log: {Log})", outcome.Reason);
    }

    [Theory]
    [InlineData(30_000, "30s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(500, "500ms")]
    [InlineData(0.25, "0.3ms")]
    public void Duration_FormatsLikeAPerson(double ms, string expected) =>
        Assert.Equal(expected, TrialOutcomeClassifier.Duration(ms));
}
