namespace AiLab.Lab.Experiments;

/// <summary>One slot of an experiment's schedule.</summary>
/// <param name="Sequence">Position in the schedule, from 0; the key a resumed experiment uses to skip done trials.</param>
/// <param name="Variant">Label of the variant to run.</param>
/// <param name="IsWarmup">Warm-up trials run first and are left out of the statistics.</param>
public sealed record ScheduledTrial(int Sequence, string Variant, bool IsWarmup);
