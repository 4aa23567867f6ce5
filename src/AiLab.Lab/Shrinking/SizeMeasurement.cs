using AiLab.Core.Experiments;
using AiLab.Lab.Footprints;

namespace AiLab.Lab.Shrinking;

/// <summary>The trials of one size (production or shrunk) that the fidelity check compares.</summary>
/// <param name="ExperimentId">The plain run that measured them.</param>
/// <param name="Trials">Its trials.</param>
/// <param name="Footprints">The probe's footprint of each trial that wrote one.</param>
public sealed record SizeMeasurement(
    string ExperimentId, IReadOnlyList<TrialRecord> Trials, IReadOnlyList<TrialFootprintFile> Footprints);
