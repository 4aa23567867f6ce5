namespace AiLab.Outputs.Dags;

/// <summary>The signal-comparison node: which two nodes, against which labels, judged by which rules.</summary>
/// <param name="Name">The node's name.</param>
/// <param name="Baseline">The model node that runs today.</param>
/// <param name="Candidate">The model node that wants traffic.</param>
/// <param name="Label">The data column of 0/1 labels.</param>
/// <param name="Threshold">Decisions are score ≥ threshold.</param>
/// <param name="Slice">The data column whose values are the slices; null for overall only.</param>
/// <param name="Rules">One rule per judged metric.</param>
/// <param name="Alpha">Significance level of the paired tests.</param>
/// <param name="Replicates">Bootstrap replicates for AUPRC, precision and recall.</param>
/// <param name="Seed">Seed of the bootstrap, so that a comparison can be repeated exactly.</param>
public sealed record CompareSpec(
    string Name, string Baseline, string Candidate, string Label, double Threshold, string? Slice,
    IReadOnlyList<MetricRule> Rules, double Alpha, int Replicates, int Seed);
