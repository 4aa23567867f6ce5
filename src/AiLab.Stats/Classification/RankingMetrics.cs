namespace AiLab.Stats.Classification;

/// <summary>Threshold-free metrics of a score's ranking: AUROC and average precision (the area under the PR curve).</summary>
public static class RankingMetrics
{
    /// <summary>
    /// Area under the ROC curve as the Mann–Whitney statistic U / (m·n) with ties counted one half
    /// (Hanley &amp; McNeil, Radiology 143 (1982) 29–36), which equals scikit-learn's trapezoidal <c>roc_auc_score</c>.
    /// NaN when one class is absent.
    /// </summary>
    public static double Auroc(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        BinaryInput.Check(labels, scores);
        var (positives, negatives) = BinaryInput.Count(labels);
        if (positives == 0 || negatives == 0) return double.NaN;
        var ranks = MidRanks.Of(scores);
        double positiveRankSum = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i]) positiveRankSum += ranks[i];
        }

        var u = positiveRankSum - (positives * (positives + 1.0) / 2);
        return u / ((double)positives * negatives);
    }

    /// <summary>
    /// Average precision as scikit-learn's <c>average_precision_score</c> defines it: AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the
    /// distinct score thresholds in decreasing order (a step function, no interpolation; Manning, Raghavan &amp;
    /// Schütze, <i>Introduction to Information Retrieval</i> (2008) §8.4). NaN when there is no positive label.
    /// </summary>
    public static double AveragePrecision(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        BinaryInput.Check(labels, scores);
        var order = MidRanks.DescendingOrder(scores);
        return WeightedAveragePrecision(labels, scores, order, weights: null);
    }

    /// <summary>
    /// Average precision with a non-negative weight per example (scikit-learn's <c>sample_weight</c>), over examples
    /// already sorted by decreasing score in <paramref name="order"/>; a linear pass, so that a bootstrap can reuse
    /// one sort for every replicate. NaN when the positives weigh nothing.
    /// </summary>
    public static double WeightedAveragePrecision(
        ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, ReadOnlySpan<int> order, ReadOnlySpan<double> weights)
    {
        double totalPositive = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i]) totalPositive += weights.IsEmpty ? 1 : weights[i];
        }

        if (totalPositive <= 0) return double.NaN;
        double truePositive = 0, predicted = 0, previousRecall = 0, sum = 0;
        for (var k = 0; k < order.Length; k++)
        {
            var index = order[k];
            var weight = weights.IsEmpty ? 1 : weights[index];
            predicted += weight;
            if (labels[index]) truePositive += weight;

            // A threshold is the last of a run of equal scores: tied examples enter the curve together.
            if (k + 1 < order.Length && scores[order[k + 1]] == scores[index]) continue;
            if (predicted <= 0) continue;
            var recall = truePositive / totalPositive;
            sum += (recall - previousRecall) * (truePositive / predicted);
            previousRecall = recall;
        }

        return sum;
    }
}
