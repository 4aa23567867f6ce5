namespace AiLab.Lab.Profiling.Diff;

/// <summary>A change above noise, named in plain words: where the time went and how much.</summary>
/// <param name="Summary">E.g. <c>+96.1 ms in repr ← features.memoize_key ← features.build_features (40
/// calls)</c>.</param>
/// <param name="Path">The call path, innermost first (the function that changed, then its callers).</param>
/// <param name="Change">The change of the path's inclusive time, with its interval.</param>
/// <param name="Phase">The probe phase it happened in.</param>
/// <param name="BaselineCalls">Calls of the innermost function from its caller in the baseline's call-count
/// trial.</param>
/// <param name="CandidateCalls">The same in the candidate's call-count trial.</param>
public sealed record ProfileFinding(
    string Summary, IReadOnlyList<string> Path, DiffValue Change, string? Phase, long? BaselineCalls, long?
        CandidateCalls)
{
    /// <summary>The part of <see cref="Change"/> that no finding in the path's callees explains, judged per trial by
    /// the same noise rule; null when no finding lies below the path (then all of the change is its own). Findings
    /// are ordered by this own change.</summary>
    public DiffValue? Unexplained { get; init; }

    /// <summary>The change findings are ranked by: <see cref="Unexplained"/> when there is one, else
    /// <see cref="Change"/>.</summary>
    public DiffValue Own => Unexplained ?? Change;
}
