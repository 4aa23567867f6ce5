namespace AiLab.Execution.Processes;

/// <summary>What the executor observed about one trial, as input to <see cref="TrialOutcomeClassifier"/>.</summary>
/// <param name="LogPath">Where stdout and stderr went; every failure reason names it.</param>
/// <param name="SpawnError">Why the process could not be started, or null when it started.</param>
/// <param name="Exit">How the main process ended, or null when it never started.</param>
/// <param name="TimedOut">The harness killed the process group because the timeout passed.</param>
/// <param name="Interrupted">The harness killed the process group because the caller cancelled.</param>
/// <param name="Timeout">The trial's timeout, for the reason.</param>
/// <param name="WallMs">Milliseconds from spawn to the end of the main process.</param>
/// <param name="TtfbMs">Offset of <c>first_batch</c>, or null when it never came.</param>
/// <param name="LastLogLine">The last non-empty line of output, if any.</param>
/// <param name="Stopped">The harness stopped the process group because every needed mark had arrived; however the
/// process then ended (SIGTERM, its handler's exit code, SIGKILL after the grace) is the harness's doing.</param>
internal sealed record TrialFacts(
    string LogPath,
    string? SpawnError,
    ExitStatus? Exit,
    bool TimedOut,
    bool Interrupted,
    TimeSpan Timeout,
    double WallMs,
    double? TtfbMs,
    string? LastLogLine,
    bool Stopped = false);
