namespace AiLab.Lab.Profiling.Diff;

/// <summary>One call path (outermost first) in both variants: its inclusive time, and the time with it on
/// top.</summary>
/// <param name="Path">The frames' display names, outermost first.</param>
/// <param name="Inclusive">Time of this path and everything it called.</param>
/// <param name="Self">Time with this path's last frame on top of the stack.</param>
/// <param name="Phase">The probe phase where most of its change happened.</param>
public sealed record StackDiff(IReadOnlyList<string> Path, DiffValue Inclusive, DiffValue Self, string? Phase);
