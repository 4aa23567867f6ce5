using System.Globalization;
using AiLab.Core.Verdicts;

namespace AiLab.Lab.Analysis;

/// <summary>The basis of a verdict decided by the default rules (Welch on logs at α, checked by Mann–Whitney; or, for
/// trials run side by side in blocks, the paired t-test on log ratios checked by Wilcoxon's signed-rank test,
/// <see cref="PairedComparer"/>).</summary>
public static class DefaultRule
{
    /// <summary>The decision basis of <paramref name="primary"/> under the default rules.</summary>
    public static DecisionBasis Basis(MetricComparison primary, int trialsA, int trialsB, VerdictPolicy policy, string? calibrationNote)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(policy);
        var rules = string.Create(CultureInfo.InvariantCulture,
            $"minimum effect {policy.MinEffectText}, equivalence margin ±{policy.EquivalenceMarginPct}%");
        return new DecisionBasis
        {
            Test = primary.PairedBlocks is null ? DecisionTest.WelchLogT : DecisionTest.PairedLogT,
            PValue = primary.PValue,
            ThresholdSource = primary.PairedBlocks is { } blocks
                ? string.Create(CultureInfo.InvariantCulture,
                    $"defaults: α = {policy.Alpha} per metric on the paired t-test of log(B/A), paired by block " +
                    $"({blocks} blocks), Wilcoxon signed-rank must agree, {rules}")
                : string.Create(CultureInfo.InvariantCulture,
                    $"defaults: α = {policy.Alpha} per metric on Welch's t-test (log values), " +
                    $"Mann–Whitney must agree, {rules}"),
            PairedBlocks = primary.PairedBlocks,
            TrialsA = trialsA,
            TrialsB = trialsB,
            CalibrationNote = calibrationNote,
        };
    }
}
