namespace AiLab.Core.Outputs;

/// <summary>One flipped example of a stored comparison.</summary>
/// <param name="ExampleId">The example's id.</param>
/// <param name="Slice">Its slice.</param>
/// <param name="Label">Its label.</param>
/// <param name="BaselineScore">The baseline's score.</param>
/// <param name="CandidateScore">The candidate's score.</param>
public sealed record OutputFlipRow(string ExampleId, string Slice, bool Label, double BaselineScore, double CandidateScore);
