namespace AiLab.Lab.Shrinking;

/// <summary>What came of undoing one rule's changes for a phase the shrunk test no longer represented.</summary>
public enum RestoreOutcome
{
    /// <summary>Measured: the phase is represented again, within the cost budget; the values are kept.</summary>
    Kept,

    /// <summary>Measured: the phase stayed unrepresented, so this rule did not shrink it; the rule's values stay
    /// shrunk.</summary>
    NotTheCause,

    /// <summary>Bringing the phase back would cost more than the budget (estimated from the phase's production CPU
    /// time before measuring, or measured); the rule's values stay shrunk and the phase stays unrepresented.</summary>
    TooCostly,

    /// <summary>Measured: with the rule's values kept the shrunk run no longer passed fidelity.</summary>
    FidelityFailed,

    /// <summary>Not run: with the rule's values kept nothing would be left to shrink (the test would be the
    /// production run itself); the rule's values stay shrunk.</summary>
    NothingLeft,
}
