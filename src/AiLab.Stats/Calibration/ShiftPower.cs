namespace AiLab.Stats.Calibration;

/// <summary>The detection rate of a threshold at one injected relative shift (0.03 = B 3% slower).</summary>
/// <param name="Shift">The injected relative shift.</param>
/// <param name="Tpr">Share of shifted pseudo-experiments that alarm as a regression.</param>
public sealed record ShiftPower(double Shift, double Tpr);
