namespace AiLab.Core.Trials;

/// <summary>Why and when the harness ended a successful trial before its workload exited by itself: every mark the
/// experiment needs had arrived, so the rest of the run would have measured nothing.</summary>
/// <param name="AfterMark">The needed mark that arrived last (usually <c>first_batch</c>).</param>
/// <param name="AtMs">Milliseconds from the spawn to the SIGTERM (CLOCK_MONOTONIC).</param>
/// <param name="Forced">True when the process group ignored SIGTERM for the grace period and was SIGKILLed.</param>
public sealed record TrialStop(string AfterMark, double AtMs, bool Forced)
{
    /// <summary>The reason recorded on every stopped trial.</summary>
    public const string Reason = "stopped_after_mark";
}
