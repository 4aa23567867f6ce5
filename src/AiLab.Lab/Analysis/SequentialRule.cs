using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.Core.Verdicts;
using AiLab.Stats.Sequential;

namespace AiLab.Lab.Analysis;

/// <summary>Decides the primary metric of a sequential experiment with its group-sequential boundary, which keeps
/// the false-positive rate honest although the experiment looked several times and stopped when it could.</summary>
public static class SequentialRule
{
    /// <summary>The design a plan describes.</summary>
    public static SequentialDesign Design(SequentialPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var spending = plan.Spending;
        return SequentialDesign.Create(plan.Alpha, plan.Looks, plan.EquivalenceMargin, plan.LogSd, spending, plan.NullInflation);
    }

    /// <summary>The last look the trials reach (0-based) and its decision, or null before the first look.</summary>
    public static SequentialDecision? Decide(SequentialPlan plan, IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var look = LookReached(plan, Math.Min(a.Count, b.Count));
        if (look < 0) return null;
        var n = plan.Looks[look];
        return Design(plan).Evaluate(a.Take(n).ToList(), b.Take(n).ToList(), look);
    }

    /// <summary>The last look (0-based) that <paramref name="trialsPerVariant"/> successful trials reach; -1 for
    /// none.</summary>
    public static int LookReached(SequentialPlan plan, int trialsPerVariant)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var look = -1;
        while (look + 1 < plan.Looks.Count && plan.Looks[look + 1] <= trialsPerVariant) look++;
        return look;
    }

    /// <summary>The comparison re-decided by the sequential decision, and its basis.</summary>
    public static (MetricComparison Comparison, DecisionBasis Basis) Apply(
        MetricComparison comparison, SequentialPlan plan, SequentialDecision decision, VerdictPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(policy);
        var practical = policy.IsMaterial(comparison.ChangePct, comparison.Diff, comparison.Unit);
        var verdict = decision.Action switch
        {
            SequentialAction.StopRegression => practical ? Verdict.Regression : Verdict.NoChange,
            SequentialAction.StopImprovement => practical ? Verdict.Improvement : Verdict.NoChange,
            SequentialAction.StopNoChange => Verdict.NoChange,
            _ => Verdict.Inconclusive,
        };
        var looks = string.Join(", ", plan.Looks);
        var basis = new DecisionBasis
        {
            Test = DecisionTest.GroupSequentialWelchLogT,
            Statistic = decision.Statistic,
            Threshold = decision.Boundary,
            PValue = comparison.PValue,
            ThresholdSource = string.Create(CultureInfo.InvariantCulture,
                $"group-sequential design ({plan.Spending} α-spending, α = {plan.Alpha:0.#####} over all looks, " +
                $"looks at {looks} trials per variant, planned for a {plan.EquivalenceMargin:P0} shift with sd(log) " +
                $"{plan.LogSd:0.####} from {plan.Source}); decided at look {decision.Look + 1} of {plan.Looks.Count}"),
            TrialsA = decision.TrialsA,
            TrialsB = decision.TrialsB,
        };
        var reason = decision.Reason + (verdict == Verdict.NoChange && decision.Action is SequentialAction.StopRegression or SequentialAction.StopImprovement
            ? string.Create(CultureInfo.InvariantCulture, $"; but the change ({comparison.ChangePct:0.##}%) is below the minimum effect")
            : "");
        return (comparison with { Verdict = verdict, Reason = reason }, basis);
    }
}
