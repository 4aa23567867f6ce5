namespace AiLab.Lab.Profiling.Imports;

/// <summary>One module in the import-time view: its import time inside the TTFB window in each variant.</summary>
/// <param name="Module">The module's full name.</param>
/// <param name="Parent">The module that imported it (in the variant where it was seen first).</param>
/// <param name="Depth">Its depth in the import tree.</param>
/// <param name="BaselineMs">Median inclusive import time inside the baseline's TTFB window (0 when imported after it or
/// never).</param>
/// <param name="CandidateMs">The same in the candidate.</param>
/// <param name="InBaselineWindow">Imported before first_batch in most of the baseline's trials.</param>
/// <param name="InCandidateWindow">Imported before first_batch in most of the candidate's trials.</param>
public sealed record ImportModule(
    string Module, string? Parent, int Depth, double BaselineMs, double CandidateMs, bool InBaselineWindow,
        bool InCandidateWindow)
{
    /// <summary>Candidate minus baseline.</summary>
    public double DeltaMs => CandidateMs - BaselineMs;

    /// <summary><c>left</c> (in the baseline's window only), <c>entered</c>, <c>both</c> or <c>neither</c>.</summary>
    public string Window => (InBaselineWindow, InCandidateWindow) switch
    {
        (true, false) => "left",
        (false, true) => "entered",
        (true, true) => "both",
        _ => "neither",
    };
}
