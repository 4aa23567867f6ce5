namespace AiLab.Testing.Bisection;

/// <summary>A commit of a simulated history: what it does to each phase, and whether it builds.</summary>
/// <param name="Sha">Its name (any unique string).</param>
/// <param name="Subject">Its message's first line.</param>
/// <param name="EffectsMs">Milliseconds it adds to (or, negative, removes from) each phase it touches.</param>
/// <param name="Broken">True when it cannot be built or run.</param>
/// <param name="NoiseFactor">Multiplies the noise of every trial of this commit (a flaky, noisy build).</param>
public sealed record SimulatedCommit(string Sha, string Subject, IReadOnlyDictionary<string, double> EffectsMs, bool Broken = false, double NoiseFactor = 1.0);
