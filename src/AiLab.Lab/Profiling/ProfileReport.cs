using AiLab.Lab.Profiling.Diff;
using AiLab.Lab.Profiling.Rendering;
using AiLab.Lab.Profiling.Running;

namespace AiLab.Lab.Profiling;

/// <summary>A profiled comparison: the trials, their diff, the files written, and the profiler's overhead.</summary>
/// <param name="Set">The profiled trials.</param>
/// <param name="Diff">Their diff.</param>
/// <param name="Files">Where the reports were written.</param>
/// <param name="OverheadPct">Median TTFB of the profiled trials against the experiment's measured trials of the same
/// variant, in percent, averaged over the two variants; null without measured trials.</param>
public sealed record ProfileReport(ProfileSet Set, ProfileDiffResult Diff, ProfileReportFiles Files, double?
    OverheadPct)
{
    /// <summary>How many sampled trials ran between the experiment's measured trials (the rest ran in a batch after
    /// them); 0 for a profile run on its own.</summary>
    public int InterleavedTrials { get; init; }
}
