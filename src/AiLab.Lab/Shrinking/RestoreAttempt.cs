namespace AiLab.Lab.Shrinking;

/// <summary>One try at bringing back a phase the shrunk test no longer represented, by keeping one rule's production
/// values (<see cref="PhaseRestorer"/>).</summary>
/// <param name="Phase">The phase whose share of TTFB fell more than <see cref="FidelityCheck.MaxShareFactor"/>.</param>
/// <param name="Rule">The rule whose changes were undone (or, for <see cref="RestoreOutcome.TooCostly"/> decided
/// before measuring, the rule most plausibly behind the phase); null when no rule changed anything that could be
/// undone.</param>
/// <param name="Changes">That rule's changes (what would be, or was, kept at its production value).</param>
/// <param name="Outcome">What came of it.</param>
/// <param name="ShareProduction">The phase's share of production TTFB.</param>
/// <param name="ShareShrunk">Its share in the shrunk test before the try.</param>
/// <param name="ShareRestored">Its share with the rule's values kept; null when not measured.</param>
/// <param name="CpuMs">The shrunk test's CPU per trial with the values kept: measured, or estimated when
/// <paramref name="Measured"/> is false.</param>
/// <param name="BudgetCpuMs">The most the shrunk test may cost with its restores.</param>
/// <param name="Measured">Whether the shrunk test was run with the values kept.</param>
public sealed record RestoreAttempt(
    string Phase, string? Rule, IReadOnlyList<ShrinkChange> Changes, RestoreOutcome Outcome,
    double ShareProduction, double ShareShrunk, double? ShareRestored, double CpuMs, double BudgetCpuMs,
    bool Measured);
