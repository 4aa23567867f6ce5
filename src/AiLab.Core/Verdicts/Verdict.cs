namespace AiLab.Core.Verdicts;

/// <summary>What an experiment concluded about one metric (or overall).</summary>
public enum Verdict
{
    /// <summary>No statistically significant change, or one smaller than the minimum practical effect.</summary>
    NoChange,

    /// <summary>The candidate is significantly and practically worse (slower, more CPU, more memory).</summary>
    Regression,

    /// <summary>The candidate is significantly and practically better.</summary>
    Improvement,

    /// <summary>The evidence does not settle it: too few trials, tests that disagree, or an interval too wide.</summary>
    Inconclusive,
}
