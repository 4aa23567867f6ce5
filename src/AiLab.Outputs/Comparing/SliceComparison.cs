using AiLab.Stats.Classification;

namespace AiLab.Outputs.Comparing;

/// <summary>Both sides compared on one slice of the examples (or on all of them).</summary>
/// <param name="Slice">The slice's value, or "(all)".</param>
/// <param name="Examples">How many examples.</param>
/// <param name="Positives">How many have label 1.</param>
/// <param name="Deltas">Every metric, in report order.</param>
/// <param name="Agreement">How far the two sides' outputs agree.</param>
/// <param name="Confidence">The confidence of this slice's intervals (Bonferroni-adjusted across slices).</param>
public sealed record SliceComparison(string Slice, int Examples, int Positives, IReadOnlyList<MetricDelta> Deltas, Agreement Agreement, double Confidence)
{
    /// <summary>The name used for all examples together.</summary>
    public const string All = "(all)";

    /// <summary>The delta of <paramref name="metric"/>.</summary>
    public MetricDelta Delta(string metric) => Deltas.First(d => d.Metric == metric);
}
