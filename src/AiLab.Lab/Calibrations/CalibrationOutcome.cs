using AiLab.Lab.Experiments;

namespace AiLab.Lab.Calibrations;

/// <summary>What a calibration run produced: the stored calibration (or null and why), and every A/A experiment.</summary>
public sealed record CalibrationOutcome(Core.Calibrations.Calibration? Calibration, IReadOnlyList<ExperimentOutcome> Experiments, string? Failure);
