using AiLab.Core.Trials;

namespace AiLab.Core.Experiments;

/// <summary>A trial as it belongs to an experiment: its place in the schedule, its variant, and its result.</summary>
/// <param name="ExperimentId">The experiment it belongs to.</param>
/// <param name="Sequence">Position in the experiment's schedule, from 0.</param>
/// <param name="Variant">Label of the variant it ran ("A" or "B").</param>
/// <param name="IsWarmup">Warm-up trials are stored but left out of the statistics.</param>
/// <param name="Result">What the run produced.</param>
public sealed record TrialRecord(string ExperimentId, int Sequence, string Variant, bool IsWarmup, TrialResult Result);
