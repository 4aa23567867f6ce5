using System.Globalization;
using AiLab.Lab.ChangeTier.Simulation;

namespace AiLab.Bench.ChangeTier;

/// <summary><c>ailab-bench change-selection [CHANGES] [SEED]</c>: the change tier's recall against capacity on a
/// generated history with planted regressions (a simulation of the selection, not of trials).</summary>
internal sealed class ChangeSelectionSimCommand : IBenchCommand
{
    public string Name => "change-selection";

    public string Description
        => "change tier: recall vs capacity budget on a generated history with planted regressions";

    public int Run(IReadOnlyList<string> args)
    {
        var changes = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        var seeds = args.Count > 1 ? [int.Parse(args[1], CultureInfo.InvariantCulture)] : new[] { 1, 2, 3, 4, 5 };
        double?[] fractions = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, null];
        Console.WriteLine($"{changes} changes per history, seeds {string.Join(",", seeds)}; budget as a fraction of " +
            $"running every shrunk test");
        Console.WriteLine("| budget per change | capacity used | recall (found / found by every test) |");
        Console.WriteLine("| --- | --- | --- |");
        var runs = seeds.Select(s => SelectionSimulation.Run(changes, s, fractions)).ToList();
        for (var i = 0; i < fractions.Length; i++)
        {
            var points = runs.Select(r => r[i]).ToList();
            var found = points.Sum(p => p.Found);
            var all = points.Sum(p => p.FoundByAll);
            var label = fractions[i] is { } f ? f.ToString("P0",
                CultureInfo.InvariantCulture) : "none (footprint only)";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {points.Average(p => p.CapacityFraction):P1} | {(double)found / all:P1} ({found} / " +
                    $"{all}) |"));
        }

        return 0;
    }
}
