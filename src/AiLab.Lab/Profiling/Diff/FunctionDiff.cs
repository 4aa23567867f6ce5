namespace AiLab.Lab.Profiling.Diff;

/// <summary>One function's time in both variants, wherever it was on the stack.</summary>
/// <param name="Function">The function's display name.</param>
/// <param name="Inclusive">Time with the function anywhere on the stack (counted once per sample under
/// recursion).</param>
/// <param name="Self">Time with the function at the top of the stack.</param>
public sealed record FunctionDiff(string Function, DiffValue Inclusive, DiffValue Self);
