namespace AiLab.Lab.Profiling.Model;

/// <summary>One distinct call stack of the sampler with the time its samples stand for (collapsed-stack
/// form).</summary>
/// <param name="Phase">The probe phase the samples fell in (the next mark after them); null after the last
/// mark.</param>
/// <param name="Frames">Indexes into the trial's frames, outermost first.</param>
/// <param name="Samples">How many samples caught this stack.</param>
/// <param name="Ms">The time those samples stand for: each sample is weighted by the time since the previous
/// one.</param>
public sealed record SampledStack(string? Phase, IReadOnlyList<int> Frames, int Samples, double Ms);
