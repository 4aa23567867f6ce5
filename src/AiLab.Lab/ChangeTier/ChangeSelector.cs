using System.Globalization;

namespace AiLab.Lab.ChangeTier;

/// <summary>Chooses the tests a change runs. A test is a candidate when a changed path is in its footprint. Each
/// candidate is worth <c>P(regress) × P(detect) / cost</c> (<see cref="RegressionHistory"/>,
/// <see cref="DetectionPower"/>, <see cref="ITrialCostModel"/>); candidates are taken greedily in decreasing order
/// of that value (ties: higher P(regress), then lower cost, then name), each one that still fits in the budget
/// being selected and each one that does not being skipped as over budget — a later, cheaper one may still fit.
/// Greedy by value density is the classic approximation to this 0/1 knapsack (Dantzig 1957).</summary>
public sealed class ChangeSelector(RegressionHistory history, ITrialCostModel costs, ChangeSelectorOptions options)
{
    /// <summary>The plan for <paramref name="changedFiles"/> over <paramref name="tests"/>.</summary>
    public ChangeSelection Select(IReadOnlyList<string> changedFiles, IReadOnlyList<ChangeTest> tests, double? budget)
    {
        ArgumentNullException.ThrowIfNull(changedFiles);
        ArgumentNullException.ThrowIfNull(tests);
        var skipped = new List<ChangeCandidate>();
        var candidates = new List<ChangeCandidate>();
        foreach (var test in tests)
        {
            if (test.Footprint is null)
            {
                skipped.Add(new ChangeCandidate
                {
                    Test = test, TouchingPaths = [], SkipCode = "no_footprint",
                    SkipReason = $"no footprint recorded for {test.Production.Name}: run it once (ailab shrink, " +
                        $"ailab run "
                        + "or ailab ab record one) or declare 'footprint:' globs",
                });
                continue;
            }

            var touching = changedFiles.Where(test.Footprint.Touches).ToList();
            if (touching.Count == 0)
            {
                skipped.Add(new ChangeCandidate
                {
                    Test = test, TouchingPaths = [], SkipCode = "not_touched",
                    SkipReason = $"none of the {changedFiles.Count} changed file(s) is in its footprint "
                        + $"({test.Footprint.Files.Count} files, {test.Footprint.Globs.Count} globs)",
                });
                continue;
            }

            candidates.Add(Price(test, touching));
        }

        var ordered = candidates
            .OrderByDescending(c => c.ValuePerCpuSecond)
            .ThenByDescending(c => c.PRegress)
            .ThenBy(c => c.CostCpuSeconds)
            .ThenBy(c => c.Test.Production.Name, StringComparer.Ordinal)
            .ToList();
        var selected = new List<ChangeCandidate>();
        var left = budget ?? double.PositiveInfinity;
        foreach (var candidate in ordered)
        {
            if (candidate.CostCpuSeconds <= left)
            {
                selected.Add(candidate);
                left -= candidate.CostCpuSeconds;
                continue;
            }

            skipped.Add(candidate with
            {
                SkipCode = "over_budget",
                SkipReason = string.Create(CultureInfo.InvariantCulture,
                    $"over budget: needs {candidate.CostCpuSeconds:0.0} CPU-s, {left:0.0} of {budget:0.0} left "
                    + $"(value {candidate.ValuePerCpuSecond:0.####}/CPU-s)"),
            });
        }

        return new ChangeSelection(changedFiles, selected, skipped, budget);
    }

    private ChangeCandidate Price(ChangeTest test, List<string> touching)
    {
        var name = test.Test.Name;
        var measured = costs.CpuSecondsPerTrial(name);
        var perTrial = measured ?? options.AssumedCpuSecondsPerTrial;
        var trials = options.TrialsFor(test.Test);
        var warmup = options.WarmupFor(test.Test);
        return new ChangeCandidate
        {
            Test = test, TouchingPaths = touching,
            PRegress = history.Probability(test.Production.Name, touching),
            PDetect = DetectionPower.Of(DetectionPower.PlannedEffect, costs.TtfbNoise(name)
                ?? DetectionPower.DefaultNoise,
                trials, options.Alpha),
            CpuSecondsPerTrial = perTrial, CostAssumed = measured is null,
            CostCpuSeconds = perTrial * 2 * (trials + warmup),
        };
    }
}
