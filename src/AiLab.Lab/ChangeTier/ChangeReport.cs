using AiLab.Core.Verdicts;

namespace AiLab.Lab.ChangeTier;

/// <summary>What the change tier did for one change.</summary>
/// <param name="BaseCommit">The base revision's commit.</param>
/// <param name="HeadCommit">The head revision's commit.</param>
/// <param name="Selection">The plan.</param>
/// <param name="Runs">The experiments run, in order.</param>
/// <param name="Interrupted">True when Ctrl-C stopped it; the experiments not started are not in <paramref
/// name="Runs"/>.</param>
public sealed record ChangeReport(
    string BaseCommit, string HeadCommit, ChangeSelection Selection, IReadOnlyList<ChangeRun> Runs, bool Interrupted)
{
    /// <summary>CPU seconds spent by every trial run.</summary>
    public double SpentCpuSeconds => Runs.Sum(r => r.SpentCpuSeconds);

    /// <summary><c>regression</c> when any test regressed, else <c>inconclusive</c> when any was, else
    /// <c>improvement</c> when any improved, else <c>no_change</c> (also when nothing ran).</summary>
    public Verdict Overall =>
        Runs.Any(r => r.Verdict == Verdict.Regression) ? Verdict.Regression
        : Runs.Any(r => r.Verdict is null or Verdict.Inconclusive) ? Verdict.Inconclusive
        : Runs.Any(r => r.Verdict == Verdict.Improvement) ? Verdict.Improvement
        : Verdict.NoChange;
}
