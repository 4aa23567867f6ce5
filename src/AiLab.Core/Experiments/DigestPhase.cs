namespace AiLab.Core.Experiments;

/// <summary>A phase's median as an <see cref="ExperimentDigest"/> keeps it.</summary>
/// <param name="Phase">The phase's name, without the <c>phase:</c> prefix.</param>
/// <param name="Ms">The median, ms.</param>
public sealed record DigestPhase(string Phase, double Ms);
