using System.Globalization;
using AiLab.Core.Trials;

namespace AiLab.Execution.Processes;

/// <summary>Classifies a finished trial into success or one <see cref="FailureKind"/> with a reason a person can act on.
/// A trial succeeds only when <c>first_batch</c> was seen and its main process exited 0, or the harness stopped it
/// because every mark the experiment needs had arrived.</summary>
internal static class TrialOutcomeClassifier
{
    private const int MaxQuotedLine = 300;

    /// <summary>Classifies <paramref name="facts"/>; the harness's own kills take precedence over how the process ended.</summary>
    public static TrialOutcome Classify(TrialFacts facts)
    {
        var log = $"(log: {facts.LogPath})";
        if (facts.SpawnError is not null)
            return Fail(FailureKind.SpawnFailed, $"{facts.SpawnError} {log}");
        if (facts.Interrupted)
            return Fail(FailureKind.Interrupted,
                $"interrupted after {Duration(facts.WallMs)}; the harness killed the trial's process group {log}");
        if (facts.TimedOut)
        {
            var when = facts.TtfbMs is { } ttfb
                ? $"after first_batch (reached at {Duration(ttfb)})"
                : "before first_batch";
            return Fail(FailureKind.TimedOut,
                $"timed out after {Duration(facts.Timeout.TotalMilliseconds)} {when}; the harness killed the trial's process group; {LastLine(facts)} {log}");
        }

        // Only reachable after first_batch (it is always needed), and never before a failure of the workload's own:
        // a process that exited before the harness signalled it is classified by its own exit below.
        if (facts.Stopped && facts.TtfbMs is not null)
            return new TrialOutcome(TrialStatus.Succeeded, FailureKind.None, null);
        if (facts.Stopped)
            return Fail(FailureKind.NoFirstBatch,
                $"the harness stopped the trial once its marks had arrived, but first_batch could not be used (see the trial's warnings) {log}");

        var exit = facts.Exit ?? throw new ArgumentException("A started trial needs an exit status.", nameof(facts));
        if (exit.Signal is { } signal)
            return Fail(FailureKind.Signaled, $"killed by {SignalNames.Describe(signal)}; {LastLine(facts)} {log}");
        if (exit.ExitCode is not 0)
            return Fail(FailureKind.NonZeroExit, $"exited with code {exit.ExitCode}{ExitHint(exit.ExitCode)}; {LastLine(facts)} {log}");
        if (facts.TtfbMs is null)
            return Fail(FailureKind.NoFirstBatch,
                $"exited 0 without marking first_batch; mark it with the probe (see probes/python) or set first_batch_pattern {log}");
        return new TrialOutcome(TrialStatus.Succeeded, FailureKind.None, null);
    }

    /// <summary>Formats milliseconds the way a person reads a timeout: 30s, 1.5s, 250ms.</summary>
    public static string Duration(double ms) => ms >= 1000
        ? (ms / 1000).ToString("0.###", CultureInfo.InvariantCulture) + "s"
        : ms.ToString("0.#", CultureInfo.InvariantCulture) + "ms";

    private static string ExitHint(int? code) => code switch
    {
        127 => ": command not found (sh could not find the command)",
        126 => ": command found but not executable (sh could not run it)",
        > 128 and < 128 + 65 => $": probably a child killed by {SignalNames.Describe(code.Value - 128)}",
        _ => "",
    };

    private static string LastLine(TrialFacts facts)
    {
        if (facts.LastLogLine is not { } line)
            return "the log is empty";
        if (line.Length > MaxQuotedLine)
            line = string.Concat(line.AsSpan(0, MaxQuotedLine), "...");
        return $"last log line: \"{line}\"";
    }

    private static TrialOutcome Fail(FailureKind kind, string reason) => new(TrialStatus.Failed, kind, reason);
}
