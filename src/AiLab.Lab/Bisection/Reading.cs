namespace AiLab.Lab.Bisection;

/// <summary>What one comparison says about the step bisection is looking for.</summary>
public enum Reading
{
    /// <summary>Nothing of the step happened between the two commits.</summary>
    None,

    /// <summary>All of the step happened between them (or, with no step known yet, a change did happen).</summary>
    All,

    /// <summary>Some of it, or more than it, or the opposite: more than one culprit lies in the range.</summary>
    Part,

    /// <summary>The trials do not tell which: the step is repeated with more trials, never guessed.</summary>
    Inconclusive,
}
