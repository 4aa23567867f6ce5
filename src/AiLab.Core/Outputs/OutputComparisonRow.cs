namespace AiLab.Core.Outputs;

/// <summary>A stored model-output comparison: columns for listing, the full report as a JSON document.</summary>
/// <param name="Id">The comparison's id.</param>
/// <param name="CreatedAt">When it finished.</param>
/// <param name="Dag">The DAG's name.</param>
/// <param name="Baseline">The baseline, described (node, model file, hash).</param>
/// <param name="Candidate">The candidate, described.</param>
/// <param name="Dataset">The data set, described.</param>
/// <param name="Passed">Ready for traffic.</param>
/// <param name="Document">The report's JSON.</param>
public sealed record OutputComparisonRow(
    string Id, DateTimeOffset CreatedAt, string Dag, string Baseline, string Candidate, string Dataset, bool Passed, string Document);
