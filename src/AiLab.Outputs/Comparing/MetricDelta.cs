namespace AiLab.Outputs.Comparing;

/// <summary>One metric on both sides and its paired change (candidate − baseline).</summary>
/// <param name="Metric">The metric's name.</param>
/// <param name="Baseline">The baseline's value.</param>
/// <param name="Candidate">The candidate's value.</param>
/// <param name="Low">Lower end of the change's interval; NaN when the metric has no paired interval (f1, ece).</param>
/// <param name="High">Upper end of the change's interval.</param>
/// <param name="PValue">The paired test's p-value where it has one (McNemar, DeLong); NaN otherwise.</param>
/// <param name="Test">Which paired method gave the interval: McNemar, DeLong, bootstrap or none.</param>
public sealed record MetricDelta(string Metric, double Baseline, double Candidate, double Low, double High, double PValue, string Test)
{
    /// <summary>Candidate − baseline.</summary>
    public double Change => Candidate - Baseline;
}
