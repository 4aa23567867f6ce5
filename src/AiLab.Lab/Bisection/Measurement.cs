namespace AiLab.Lab.Bisection;

/// <summary>A step's decisive comparison (after any repeats) and what it says about the metric searched.</summary>
/// <param name="Reading">None, all, part — or inconclusive even at the most trials allowed.</param>
/// <param name="Comparison">The last comparison run for the step; it failed when a side could not run.</param>
/// <param name="Repeats">How many times the step was repeated with more trials.</param>
internal sealed record Measurement(Reading Reading, RevisionComparison Comparison, int Repeats)
{
    public bool Failed => !Comparison.Succeeded;
}
