namespace AiLab.Stats.ChangePoints;

/// <summary>A split proposed by the E-Divisive search before its significance is known.</summary>
/// <param name="Index">The first element of the proposed new segment.</param>
/// <param name="QHat">The divergence Q̂ that ranked it.</param>
internal readonly record struct Candidate(int Index, double QHat);
