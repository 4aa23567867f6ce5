namespace AiLab.Outputs.Comparing;

/// <summary>One rule judged on one slice.</summary>
/// <param name="Slice">The slice, or "(all)".</param>
/// <param name="Metric">The metric.</param>
/// <param name="Passed">False when the candidate broke the rule.</param>
/// <param name="Reason">Why, with the numbers.</param>
public sealed record MetricVerdict(string Slice, string Metric, bool Passed, string Reason);
