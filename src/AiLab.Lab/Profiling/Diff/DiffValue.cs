namespace AiLab.Lab.Profiling.Diff;

/// <summary>One quantity (a function's inclusive or self time, a stack's time) in both variants: the medians over
/// the profiled trials, their difference and its bootstrap interval.</summary>
/// <param name="BaselineMs">Median over the baseline's profiled trials.</param>
/// <param name="CandidateMs">Median over the candidate's profiled trials.</param>
/// <param name="LowMs">Lower bound of the difference's interval; null when the difference is below the floor and no
/// interval was computed.</param>
/// <param name="HighMs">Upper bound of the difference's interval.</param>
/// <param name="PctOfTtfb">The difference in percent of the baseline's median TTFB.</param>
/// <param name="Significant">True when the change is above noise: its interval excludes zero and it reaches the
/// floor (see <see cref="ProfileDiff"/>).</param>
public sealed record DiffValue(double BaselineMs, double CandidateMs, double? LowMs, double? HighMs, double PctOfTtfb,
    bool Significant)
{
    /// <summary>Candidate minus baseline, in milliseconds.</summary>
    public double DeltaMs => CandidateMs - BaselineMs;
}
