namespace AiLab.Stats.ChangePoints;

/// <summary>
/// A detected change in a series. <see cref="Index"/> is the first element of the new segment: for
/// [1, 1, 1, 5, 5] the change point is 3 (Otava's convention; Perfolizer and R report 2, the last element of the old one).
/// </summary>
/// <param name="Index">The 0-based index of the first element after the change.</param>
/// <param name="PValue">The two-sided p-value of Student's t-test between the neighbouring segments (see <see cref="EDivisive"/>).</param>
/// <param name="MeanBefore">The mean of the segment that ends just before <paramref name="Index"/>.</param>
/// <param name="MeanAfter">The mean of the segment that starts at <paramref name="Index"/>.</param>
public sealed record ChangePoint(int Index, double PValue, double MeanBefore, double MeanAfter)
{
    /// <summary>MeanAfter / MeanBefore − 1 (0.03 is a 3% rise); NaN when MeanBefore is 0.</summary>
    public double RelativeChange => MeanBefore == 0 ? double.NaN : (MeanAfter / MeanBefore) - 1;
}
