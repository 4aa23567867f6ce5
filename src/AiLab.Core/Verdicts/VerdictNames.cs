namespace AiLab.Core.Verdicts;

/// <summary>The wire names of verdicts used in JSON and tables (<c>no_change</c>, <c>regression</c>, ...).</summary>
public static class VerdictNames
{
    /// <summary>The snake_case name of a verdict.</summary>
    public static string ToWire(this Verdict verdict) => verdict switch
    {
        Verdict.NoChange => "no_change",
        Verdict.Regression => "regression",
        Verdict.Improvement => "improvement",
        Verdict.Inconclusive => "inconclusive",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    /// <summary>Parses a wire name; null when it is not one.</summary>
    public static Verdict? FromWire(string name) => name switch
    {
        "no_change" => Verdict.NoChange,
        "regression" => Verdict.Regression,
        "improvement" => Verdict.Improvement,
        "inconclusive" => Verdict.Inconclusive,
        _ => null,
    };
}
