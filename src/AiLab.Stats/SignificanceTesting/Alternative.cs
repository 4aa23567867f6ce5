namespace AiLab.Stats.SignificanceTesting;

/// <summary>The alternative hypothesis of a test, named as in R's <c>alternative</c> argument.</summary>
public enum Alternative
{
    /// <summary>The effect differs from the null value in either direction (R "two.sided").</summary>
    TwoSided,

    /// <summary>The effect is greater than the null value (R "greater"): x tends to be larger than y + shift.</summary>
    Greater,

    /// <summary>The effect is less than the null value (R "less"): x tends to be smaller than y + shift.</summary>
    Less,
}
