namespace AiLab.Outputs.Comparing;

/// <summary>An example whose decision changed between the sides, kept for inspection.</summary>
/// <param name="Id">The example id.</param>
/// <param name="Slice">Its slice.</param>
/// <param name="Label">Its label.</param>
/// <param name="BaselineScore">The baseline's score.</param>
/// <param name="CandidateScore">The candidate's score.</param>
public sealed record FlippedExample(string Id, string Slice, bool Label, double BaselineScore, double CandidateScore);
