namespace AiLab.Core.Trials;

/// <summary>A phase of a trial: from the previous mark (or the process start) to the mark that names it.</summary>
public sealed record Phase(string Name, double DurationMs);
