namespace AiLab.Core.Incidents;

/// <summary>The range a bisection searched.</summary>
/// <param name="Good">The last revision known not to have the regression (as given, or its sha).</param>
/// <param name="Bad">The revision known to have it.</param>
public sealed record RevisionRange(string Good, string Bad);
