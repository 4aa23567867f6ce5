namespace AiLab.Lab.History;

/// <summary>A change point in a workflow's history, as a range to hand to bisection.</summary>
/// <param name="Commit">The first commit of the new level (the detector's index).</param>
/// <param name="Good">A commit safely before the change (a few points back, for the detector's uncertainty).</param>
/// <param name="Bad">A commit safely after it.</param>
/// <param name="MeanBeforeMs">Mean of the medians before the change.</param>
/// <param name="MeanAfterMs">Mean of the medians after it.</param>
/// <param name="PValue">The detector's significance.</param>
public sealed record SuspiciousRange(string Commit, string Good, string Bad, double MeanBeforeMs, double MeanAfterMs, double PValue)
{
    /// <summary>Relative change of the level, in percent.</summary>
    public double ChangePct => ((MeanAfterMs / MeanBeforeMs) - 1) * 100;
}
