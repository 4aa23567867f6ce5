using AiLab.Core.Experiments;
using AiLab.Core.Footprints;

namespace AiLab.Lab.ChangeTier.Simulation;

/// <summary>Replays a generated history of changes with planted regressions through <see cref="ChangeSelector"/>,
/// learning online from what it ran, and compares it with running every shrunk test on every change. Each planted
/// regression (a change to file f regresses each workflow loading f with probability <see cref="Reach"/>, by 3–15%)
/// is detected by a test that runs it with the test's power for that size (<see cref="DetectionPower"/>); the draw is
/// made once per (change, workflow), so "every test" and "selection" see the same luck.</summary>
public static class SelectionSimulation
{
    /// <summary>Chance that a regression planted in a file reaches a given workflow that loads the file.</summary>
    public const double Reach = 0.7;

    /// <summary>Runs the history once for each budget fraction (of the cost of every test) and for no budget.</summary>
    public static IReadOnlyList<SimulationPoint> Run(int changes, int seed, IReadOnlyList<double?> budgetFractions)
    {
        ArgumentNullException.ThrowIfNull(budgetFractions);
        var repo = SimulatedRepository.Generate();
        var history = Generate(repo, changes, seed);
        var options = ChangeSelectorOptions.Default;
        var costs = new FixedCost(repo);
        var allCost = repo.Tests.Sum(t => costs.CpuSecondsPerTrial(t.Test.Name)!.Value * 2
                                          * (options.TrialsFor(t.Test) + options.WarmupFor(t.Test)));
        var foundByAll = history.Sum(c => c.Detected.Count);
        return budgetFractions.Select(fraction =>
        {
            var learned = new RegressionHistory([]);
            var selector = new ChangeSelector(learned, costs, options);
            double spent = 0;
            var found = 0;
            foreach (var change in history)
            {
                var plan = selector.Select(change.Files, repo.Tests, fraction * allCost);
                foreach (var c in plan.Selected)
                {
                    spent += c.CostCpuSeconds;
                    var detected = change.Detected.Contains(c.Test.Production.Name);
                    if (detected) found++;
                    learned.Add(new ChangeOutcome(c.Test.Production.Name, c.TouchingPaths, detected, null,
                        DateTimeOffset.UnixEpoch));
                }
            }

            return new SimulationPoint(fraction, spent / (allCost * history.Count),
                foundByAll == 0 ? 1 : (double)found / foundByAll, found, foundByAll);
        }).ToList();
    }

    private static List<SimulatedChange> Generate(SimulatedRepository repo, int changes, int seed)
    {
        var random = new Random(seed);
        var files = repo.RegressionRate.Keys.Order(StringComparer.Ordinal).ToList();
        var list = new List<SimulatedChange>();
        for (var i = 0; i < changes; i++)
        {
            var touched = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => files[random.Next(files.Count)])
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var detected = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in touched.Where(f => random.NextDouble() < repo.RegressionRate[f]))
            {
                var size = 0.03 + 0.12 * random.NextDouble();
                foreach (var test in repo.Tests.Where(t => t.Footprint!.Touches(file)))
                {
                    if (random.NextDouble() >= Reach) continue;
                    var power = DetectionPower.Of(size, repo.Noise[test.Test.Name],
                        ChangeSelectorOptions.Default.TrialsFor(test.Test), ChangeSelectorOptions.Default.Alpha);
                    if (random.NextDouble() < power) detected.Add(test.Production.Name);
                }
            }

            list.Add(new SimulatedChange(touched, detected));
        }

        return list;
    }

    private sealed record SimulatedChange(IReadOnlyList<string> Files, HashSet<string> Detected);

    private sealed class FixedCost(SimulatedRepository repo) : ITrialCostModel
    {
        public double? CpuSecondsPerTrial(string workflow) => repo.CpuSeconds[workflow];

        public double CpuSeconds(IEnumerable<TrialRecord> trials) => 0;

        public double? TtfbNoise(string workflow) => repo.Noise[workflow];
    }
}
