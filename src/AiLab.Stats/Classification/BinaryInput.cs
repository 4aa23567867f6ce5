namespace AiLab.Stats.Classification;

/// <summary>Shared argument checks for labels and scores.</summary>
internal static class BinaryInput
{
    public static void Check(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        if (labels.Length != scores.Length)
            throw new ArgumentException($"{labels.Length} labels but {scores.Length} scores.", nameof(scores));
        if (labels.Length == 0) throw new ArgumentException("No examples.", nameof(labels));
        for (var i = 0; i < scores.Length; i++)
        {
            if (!double.IsFinite(scores[i])) throw new ArgumentException($"Score {i} is {scores[i]}.", nameof(scores));
        }
    }

    public static (int Positives, int Negatives) Count(ReadOnlySpan<bool> labels)
    {
        var positives = 0;
        foreach (var label in labels) positives += label ? 1 : 0;
        return (positives, labels.Length - positives);
    }
}
