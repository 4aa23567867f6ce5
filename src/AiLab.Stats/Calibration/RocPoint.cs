namespace AiLab.Stats.Calibration;

/// <summary>One point of a detector's ROC curve: alarm when |statistic| &gt; <paramref name="Threshold"/>.</summary>
/// <param name="Threshold">The threshold on |statistic|.</param>
/// <param name="Fpr">Share of null (A/A) pseudo-experiments that alarm in either direction.</param>
/// <param name="Tpr">Share of pseudo-experiments with the design shift injected that alarm as a regression.</param>
public sealed record RocPoint(double Threshold, double Fpr, double Tpr);
