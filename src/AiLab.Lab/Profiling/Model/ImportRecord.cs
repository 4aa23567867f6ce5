namespace AiLab.Lab.Profiling.Model;

/// <summary>One module import, timed at the boundary <c>python -X importtime</c> uses (importlib's
/// <c>_find_and_load</c>).</summary>
/// <param name="Module">The module's full name.</param>
/// <param name="Parent">The module whose import (or whose body) triggered it; null for a top-level import.</param>
/// <param name="StartMs">When it started, in milliseconds after the trial's process was spawned.</param>
/// <param name="TotalMs">Inclusive time, its own imports included.</param>
/// <param name="SelfMs">Time without the imports it triggered.</param>
/// <param name="InWindow">True when it finished before <c>first_batch</c>, i.e. it is part of TTFB.</param>
public sealed record ImportRecord(string Module, string? Parent, double StartMs, double TotalMs, double SelfMs,
    bool InWindow);
