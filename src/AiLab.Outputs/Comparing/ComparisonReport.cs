namespace AiLab.Outputs.Comparing;

/// <summary>A finished model-output comparison: what was compared, every delta, every verdict, the flipped examples.</summary>
/// <param name="Id">The stored id.</param>
/// <param name="CreatedAt">When it finished.</param>
/// <param name="Dag">The DAG's name.</param>
/// <param name="DagFile">The DAG file.</param>
/// <param name="Dataset">The data set.</param>
/// <param name="Baseline">The baseline model node.</param>
/// <param name="Candidate">The candidate model node.</param>
/// <param name="Threshold">The decision threshold.</param>
/// <param name="SliceColumn">The slice column, if any.</param>
/// <param name="Overall">All examples.</param>
/// <param name="Slices">Each slice, by name.</param>
/// <param name="Verdicts">Every rule on every slice.</param>
/// <param name="Flipped">The flipped examples, largest score change first, at most <see cref="MaxStoredFlips"/>.</param>
/// <param name="Timings">Seconds per node and for the comparison.</param>
public sealed record ComparisonReport(
    string Id,
    DateTimeOffset CreatedAt,
    string Dag,
    string DagFile,
    ArtifactIdentity Dataset,
    ArtifactIdentity Baseline,
    ArtifactIdentity Candidate,
    double Threshold,
    string? SliceColumn,
    SliceComparison Overall,
    IReadOnlyList<SliceComparison> Slices,
    IReadOnlyList<MetricVerdict> Verdicts,
    IReadOnlyList<FlippedExample> Flipped,
    IReadOnlyDictionary<string, double> Timings)
{
    /// <summary>How many flipped examples are kept.</summary>
    public const int MaxStoredFlips = 1000;

    /// <summary>Both sides' ROC and PR curves over all examples; null in comparisons stored before they were
    /// kept.</summary>
    public ComparisonCurves? Curves { get; init; }

    /// <summary>Ready for traffic: every rule passed on every slice.</summary>
    public bool Passed => Verdicts.All(v => v.Passed);
}
