namespace AiLab.Server.Views;

/// <summary>A confirmed change point of a workflow's TTFB history as the home chart marks it.</summary>
/// <param name="Index">Index of the first point of the new level in the workflow's points (0-based).</param>
/// <param name="ExperimentId">That point's experiment.</param>
/// <param name="Commit">Its B commit.</param>
/// <param name="MeanBeforeMs">Level before, ms (mean of B's medians).</param>
/// <param name="MeanAfterMs">Level after, ms.</param>
/// <param name="PValue">The confirmation's Holm-adjusted permutation p-value.</param>
public sealed record ChangePointMark(int Index, string ExperimentId, string Commit, double MeanBeforeMs,
    double MeanAfterMs, double PValue)
{
    /// <summary>Relative change of the level, in percent.</summary>
    public double ChangePct => ((MeanAfterMs / MeanBeforeMs) - 1) * 100;
}
