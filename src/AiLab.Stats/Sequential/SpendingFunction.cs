namespace AiLab.Stats.Sequential;

/// <summary>How a group-sequential design spends its error probability over the looks (Lan &amp; DeMets 1983).</summary>
public enum SpendingFunction
{
    /// <summary>O'Brien–Fleming type, 2 − 2Φ(z_{1−ε/2}/√t): almost nothing early, nearly the full level at the end, so
    /// the maximum sample size is barely above the fixed design's (K. K. G. Lan &amp; D. L. DeMets, Biometrika 70 (1983) 659–663).</summary>
    OBrienFleming,

    /// <summary>Pocock type, ε·ln(1 + (e − 1)t): spends evenly, stops earlier under large effects but needs a larger
    /// maximum (Lan &amp; DeMets 1983; S. J. Pocock, Biometrika 64 (1977) 191–199).</summary>
    Pocock,
}
