using AiLab.Core.Wire;

namespace AiLab.Core.Verdicts;

/// <summary>The wire names of verdicts used in JSON and tables (<c>no_change</c>, <c>regression</c>, ...).</summary>
public static class VerdictNames
{
    /// <summary>The wire name of a verdict (<see cref="WireNames"/>), e.g. <c>no_change</c>.</summary>
    public static string ToWire(this Verdict verdict) => Enum.IsDefined(verdict)
        ? WireNames.Of(verdict)
        : throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null);

    /// <summary>Parses a wire name; null when it is not one.</summary>
    public static Verdict? FromWire(string name) => WireNames.Parse<Verdict>(name);
}
