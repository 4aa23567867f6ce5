using AiLab.Stats.SignificanceTesting;

namespace AiLab.Stats.Tests.Perfolizer;

/// <summary>One reference assertion from Perfolizer's test suite: inputs and the values it expects.</summary>
/// <param name="Id">"Method#index", stable across runs, used as the theory's data.</param>
/// <param name="X">The first sample.</param>
/// <param name="Y">The second sample (empty for the one-sample test).</param>
/// <param name="Shift">R's mu: the threshold for Welch and Mann–Whitney, the hypothesised mean for Student.</param>
/// <param name="Alternative">The alternative hypothesis.</param>
/// <param name="Statistic">t for the t-tests, U for Mann–Whitney; NaN where the source asserts none.</param>
/// <param name="DegreesOfFreedom">Welch's df; NaN elsewhere.</param>
/// <param name="PValue">The expected p-value.</param>
internal sealed record PerfolizerCase(
    string Id,
    double[] X,
    double[] Y,
    double Shift,
    Alternative Alternative,
    double Statistic,
    double DegreesOfFreedom,
    double PValue);
