namespace AiLab.Core.Trials;

/// <summary>The range a trial's timeout must lie in, checked identically for <c>--timeout</c> and for
/// <c>timeout:</c> in <c>ailab.yaml</c>.</summary>
/// <remarks>The ceiling is 30 days (720h). .NET timers take at most 2^32-2 ms (about 49.7 days), so anything longer
/// used to pass validation and crash the executor; 30 days stays well clear of that limit and far beyond any trial a
/// benchmark should run, so a longer value is treated as the typo it almost certainly is.</remarks>
public static class TrialTimeout
{
    /// <summary>The longest timeout a trial may have: 30 days.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(30);

    /// <summary>Why <paramref name="timeout"/> cannot be a trial's timeout, or null when it can.</summary>
    public static string? Problem(TimeSpan timeout) =>
        timeout <= TimeSpan.Zero ? "it must be greater than zero"
        : timeout > Maximum
            ? $"it is longer than the maximum trial timeout of 720h (30 days), found {Describe(timeout)}"
        : null;

    private static string Describe(TimeSpan timeout) =>
        timeout.TotalDays >= 1 ? $"{timeout.TotalDays:0.#} days" : $"{timeout.TotalHours:0.#}h";
}
