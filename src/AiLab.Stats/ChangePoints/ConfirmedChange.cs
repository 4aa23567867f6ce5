namespace AiLab.Stats.ChangePoints;

/// <summary>A detected change point after <see cref="ChangeConfirmation"/>.</summary>
/// <param name="Index">The first index of the new segment.</param>
/// <param name="PValue">The permutation p-value of the change (max-statistic over its segments' splits).</param>
/// <param name="AdjustedPValue">Holm-adjusted over the history's changes.</param>
/// <param name="Confirmed">Whether the adjusted p-value is within the family error rate.</param>
public sealed record ConfirmedChange(int Index, double PValue, double AdjustedPValue, bool Confirmed);
