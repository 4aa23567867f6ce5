using System.Globalization;
using AiLab.Core.Verdicts;

namespace AiLab.Lab.Analysis;

/// <summary>The basis of a verdict decided by the default rules (Welch on logs at α, checked by Mann–Whitney).</summary>
public static class DefaultRule
{
    /// <summary>The decision basis of <paramref name="primary"/> under the default rules.</summary>
    public static DecisionBasis Basis(MetricComparison primary, int trialsA, int trialsB, VerdictPolicy policy, string? calibrationNote)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(policy);
        return new DecisionBasis
        {
            Test = DecisionTest.WelchLogT,
            PValue = primary.PValue,
            ThresholdSource = string.Create(CultureInfo.InvariantCulture,
                $"defaults: α = {policy.Alpha} per metric on Welch's t-test (log values), Mann–Whitney must agree, " +
                $"minimum effect {policy.MinEffectPct}%, equivalence margin ±{policy.EquivalenceMarginPct}%"),
            TrialsA = trialsA,
            TrialsB = trialsB,
            CalibrationNote = calibrationNote,
        };
    }
}
