namespace AiLab.Lab.Profiling.Diff;

/// <summary>A node of the merged call tree both variants' medians are drawn from (the differential flame
/// graph).</summary>
/// <param name="Name">The frame's display name.</param>
/// <param name="BaselineMs">Median inclusive time in the baseline.</param>
/// <param name="CandidateMs">Median inclusive time in the candidate.</param>
/// <param name="Significant">True when its change is above noise.</param>
/// <param name="Children">Its callees, largest first.</param>
public sealed record FlameNode(string Name, double BaselineMs, double CandidateMs, bool Significant,
    IReadOnlyList<FlameNode> Children);
