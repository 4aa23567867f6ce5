namespace AiLab.Stats.Paired;

/// <summary>Paired bootstrap intervals of the candidate − baseline differences of the ranking and decision metrics.</summary>
/// <param name="AveragePrecision">AUPRC (average precision) difference.</param>
/// <param name="Precision">Precision difference at the threshold.</param>
/// <param name="Recall">Recall difference at the threshold.</param>
/// <param name="Replicates">How many bootstrap replicates the intervals come from.</param>
public sealed record PairedBootstrapResult(PairedInterval AveragePrecision, PairedInterval Precision, PairedInterval Recall, int Replicates);
