namespace AiLab.Stats.Classification;

/// <summary>The four cells of a binary confusion matrix at one decision threshold.</summary>
/// <param name="TruePositives">Label 1, decided positive.</param>
/// <param name="FalsePositives">Label 0, decided positive.</param>
/// <param name="TrueNegatives">Label 0, decided negative.</param>
/// <param name="FalseNegatives">Label 1, decided negative.</param>
public readonly record struct ConfusionCounts(long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives)
{
    /// <summary>Every example counted.</summary>
    public long Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>Share of decisions that match the label.</summary>
    public double Accuracy => Total == 0 ? double.NaN : (TruePositives + TrueNegatives) / (double)Total;

    /// <summary>TP / (TP + FP); 0 when nothing is decided positive, as scikit-learn's <c>zero_division</c> default.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : TruePositives / (double)(TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN); 0 when there is no positive label, as scikit-learn's <c>zero_division</c> default.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : TruePositives / (double)(TruePositives + FalseNegatives);

    /// <summary>2TP / (2TP + FP + FN), the harmonic mean of precision and recall; 0 when the denominator is.</summary>
    public double F1
    {
        get
        {
            var denominator = (2 * TruePositives) + FalsePositives + FalseNegatives;
            return denominator == 0 ? 0 : 2 * TruePositives / (double)denominator;
        }
    }

    /// <summary>Counts the cells for scores decided positive when <c>score ≥ threshold</c>.</summary>
    public static ConfusionCounts At(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, double threshold)
    {
        BinaryInput.Check(labels, scores);
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var positive = scores[i] >= threshold;
            if (labels[i]) { if (positive) tp++; else fn++; }
            else if (positive) fp++;
            else tn++;
        }

        return new ConfusionCounts(tp, fp, tn, fn);
    }
}
