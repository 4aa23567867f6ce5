using AiLab.Stats.ChangePoints;

namespace AiLab.Testing.ChangePoints;

/// <summary>TCPDBench's F-measure of a set of predicted change points, with the precision and recall it combines.</summary>
/// <param name="F">The F-measure (F1 for α = 0.5).</param>
/// <param name="Precision">True positives against the union of all annotators, over the number of predictions.</param>
/// <param name="Recall">The mean over annotators of the share of that annotator's change points found.</param>
public sealed record FMeasureResult(double F, double Precision, double Recall);
