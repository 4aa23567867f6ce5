namespace AiLab.Core.Trials;

/// <summary>A phase of a trial: from the previous mark (or the process start) to the mark that names it.</summary>
/// <param name="Name">The phase, named by the mark that ends it.</param>
/// <param name="DurationMs">Wall-clock milliseconds (CLOCK_MONOTONIC).</param>
/// <param name="CpuMs">CPU milliseconds the marking process spent in the phase (user + system, all its threads);
/// null unless both ends carry a CPU stamp from the same process (the first phase counts from that process's
/// start).</param>
public sealed record Phase(string Name, double DurationMs, double? CpuMs = null);
