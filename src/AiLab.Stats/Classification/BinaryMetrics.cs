namespace AiLab.Stats.Classification;

/// <summary>Every metric of one side's scores against the labels.</summary>
/// <param name="Counts">The confusion matrix at the threshold.</param>
/// <param name="Auroc">Area under the ROC curve (NaN with one class).</param>
/// <param name="AveragePrecision">Area under the PR curve as average precision (NaN without positives).</param>
/// <param name="CalibrationError">Expected calibration error (NaN when the scores are not probabilities).</param>
public sealed record BinaryMetrics(ConfusionCounts Counts, double Auroc, double AveragePrecision, double CalibrationError)
{
    /// <summary>Computes them all, decisions being <c>score ≥ threshold</c>.</summary>
    public static BinaryMetrics Compute(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, double threshold)
    {
        var counts = ConfusionCounts.At(labels, scores, threshold);
        var probabilities = true;
        foreach (var s in scores) probabilities &= s is >= 0 and <= 1;
        return new BinaryMetrics(
            counts,
            RankingMetrics.Auroc(labels, scores),
            RankingMetrics.AveragePrecision(labels, scores),
            probabilities ? Classification.CalibrationError.Expected(labels, scores) : double.NaN);
    }

    /// <summary>A metric by its name in configs and reports (accuracy, precision, recall, f1, auroc, auprc, ece).</summary>
    public double Get(string metric) => metric switch
    {
        "accuracy" => Counts.Accuracy,
        "precision" => Counts.Precision,
        "recall" => Counts.Recall,
        "f1" => Counts.F1,
        "auroc" => Auroc,
        "auprc" => AveragePrecision,
        "ece" => CalibrationError,
        _ => throw new ArgumentException($"Unknown metric '{metric}'.", nameof(metric)),
    };

    /// <summary>The metric names <see cref="Get"/> knows, in report order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["accuracy", "precision", "recall", "f1", "auroc", "auprc", "ece"];
}
