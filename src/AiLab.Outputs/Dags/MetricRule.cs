namespace AiLab.Outputs.Dags;

/// <summary>What the owner allows for one metric, overall and in every slice.</summary>
/// <param name="Metric">accuracy, precision, recall, f1, auroc, auprc or ece.</param>
/// <param name="Floor">The candidate must reach at least this (at most, for a lower-is-better metric).</param>
/// <param name="MaxDrop">The largest absolute change in the bad direction allowed.</param>
/// <param name="MaxRelativeDrop">The largest change in the bad direction as a share of the baseline.</param>
/// <param name="HigherIsBetter">The metric's good direction; ece is the one where lower is better.</param>
public sealed record MetricRule(string Metric, double? Floor, double? MaxDrop, double? MaxRelativeDrop, bool HigherIsBetter)
{
    /// <summary>The metrics that have a good direction by default.</summary>
    public static bool DefaultHigherIsBetter(string metric) => metric != "ece";
}
