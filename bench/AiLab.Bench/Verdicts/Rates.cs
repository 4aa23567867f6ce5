using AiLab.Stats.Calibration;

namespace AiLab.Bench.Verdicts;

/// <summary>Formats a measured rate with its 95% Wilson interval.</summary>
internal static class Rates
{
    public static string Format(int successes, int trials)
    {
        var (low, high) = WilsonInterval.Compute(successes, trials);
        return FormattableString.Invariant($"{successes}/{trials} = {successes / (double)trials:0.#####} [95% {low:0.#####}, {high:0.#####}]");
    }
}
