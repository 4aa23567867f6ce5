namespace AiLab.Lab.Profiling.Model;

/// <summary>How often one caller called one function during the TTFB window, from a deterministic (cProfile) trial.
/// </summary>
/// <param name="Function">The callee as the sampler names it (<c>builtins.repr</c>,
/// <c>features.memoize_key</c>).</param>
/// <param name="Caller">The caller, named the same way; null for the total over all callers.</param>
/// <param name="Calls">The number of calls.</param>
public sealed record CallCount(string Function, string? Caller, long Calls);
