namespace AiLab.Lab.Shrinking;

/// <summary>A phase's median share of TTFB at each size, and whether the shrunk test still represents it.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="Production">Share of the production run's TTFB (0..1).</param>
/// <param name="Shrunk">Share of the shrunk run's TTFB (0..1).</param>
/// <param name="Represented">False when the share moved by more than <see cref="FidelityCheck.MaxShareFactor"/>
/// either way (and the phase is at least <see cref="FidelityCheck.MinShare"/> of TTFB at one size).</param>
public sealed record PhaseShare(string Phase, double Production, double Shrunk, bool Represented);
