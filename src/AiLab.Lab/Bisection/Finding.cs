namespace AiLab.Lab.Bisection;

/// <summary>A culprit one metric's search settled on, before findings of several metrics are merged per commit.</summary>
/// <param name="Metric">The metric searched.</param>
/// <param name="Position">The culprit's index in the chain (1 = the first commit after good).</param>
/// <param name="Evidence">The comparison of the culprit against the segment's known-good end.</param>
internal sealed record Finding(string Metric, int Position, RevisionComparison Evidence);
