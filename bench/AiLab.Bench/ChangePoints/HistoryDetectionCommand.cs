using System.Globalization;
using AiLab.Lab.History;
using AiLab.Stats.ChangePoints;

namespace AiLab.Bench.ChangePoints;

/// <summary>
/// False changes and recall of what <c>ailab history</c> reports, side by side on the same seeded histories of
/// per-commit trials: PELT on the medians (what it ran before), the lab's detector on the medians alone, and the lab's
/// history (the detector with its segments tied to the trials per commit, each change confirmed by a permutation test
/// of whole commits with Holm over the history).
/// </summary>
internal sealed class HistoryDetectionCommand : IBenchCommand
{
    public string Name => "history-detection";

    public string Description => "false changes on A/A histories and recall on planted ones [--histories N] [--seed N]";

    public int Run(IReadOnlyList<string> args)
    {
        var count = int.Parse(BenchData.Option(args, "--histories") ?? "200", CultureInfo.InvariantCulture);
        var seed = int.Parse(BenchData.Option(args, "--seed") ?? "16", CultureInfo.InvariantCulture);
        (string Name, Func<IReadOnlyList<HistoryPoint>, IReadOnlyList<int>> Detect)[] methods =
        [
            ("PELT on the medians (before)", p => Pelt.Detect(Medians(p)).Select(c => c.Index).ToList()),
            ("the lab's detector alone", p => ChangePointDetector.Detect(Medians(p)).Select(c => c.Index).ToList()),
            ("detector without Bonferroni (history's detection)",
                p => EDivisive.Detect(Medians(p), HistoryScanner.Detection).Select(c => c.Index).ToList()),
            ("ailab history (detector + confirmation)",
                p => HistoryScanner.Detect(p).Select(c => Index(p, c.Commit)).ToList()),
        ];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count} histories per kind, 24 commits × 3 trials, trial noise σ 0.02 (log), per-commit load σ 0.02 " +
            $"shared by its trials, 2% of trials slowed by a heavy tail; seed {seed}."));
        Console.WriteLine();
        Console.WriteLine("| method | A/A: histories with a change | A/A: changes per history | " +
            "planted: steps found (±2) | planted: extra changes per history | " +
            "planted: first range holds the first culprit |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, detect) in methods)
        {
            var (alarmed, falseChanges) = (0, 0);
            for (var h = 0; h < count; h++)
            {
                var found = detect(Launcher(new Random(seed + h), []));
                alarmed += found.Count > 0 ? 1 : 0;
                falseChanges += found.Count;
            }

            var (steps, hits, extra, firstHeld) = (0, 0, 0, 0);
            for (var h = 0; h < count; h++)
            {
                var random = new Random(seed + 100_000 + h);
                // As the end-to-end history: +100 ms at 7, −120 ms at 14, +80 ms at 19 on a 280 ms launcher, and,
                // in every other history, a single smaller step (5–15%) somewhere with 6 commits either side.
                int[] planted = h % 2 == 0 ? [7, 14, 19] : [random.Next(6, 19)];
                var points = Launcher(random, planted);
                var found = detect(points);
                steps += planted.Length;
                hits += planted.Count(t => found.Any(f => Math.Abs(f - t) <= HistoryScanner.Margin));
                extra += found.Count(f => planted.All(t => Math.Abs(f - t) > HistoryScanner.Margin));
                firstHeld += found.Count > 0 && found[0] - 1 - HistoryScanner.Margin < planted[0] &&
                    planted[0] <= found[0] + HistoryScanner.Margin ? 1 : 0;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {alarmed}/{count} ({100.0 * alarmed / count:0.0}%) | {(double)falseChanges / count:0.000} | " +
                $"{hits}/{steps} ({100.0 * hits / steps:0.0}%) | {(double)extra / count:0.000} | " +
                $"{firstHeld}/{count} ({100.0 * firstHeld / count:0.0}%) |"));
        }

        return 0;
    }

    private static List<double> Medians(IReadOnlyList<HistoryPoint> points) =>
        points.Select(x => x.MedianTtfbMs).ToList();

    private static int Index(IReadOnlyList<HistoryPoint> points, string commit) =>
        points.Select((p, i) => (p, i)).First(x => x.p.Commit == commit).i;

    // 24 commits × 3 trials of a 280 ms launcher; planted steps as in the end-to-end test (or one smaller one).
    private static List<HistoryPoint> Launcher(Random random, int[] planted)
    {
        var level = 280.0;
        double[] deltas = planted.Length == 3
            ? [100, -120, 80]
            : [280 * (random.Next(2) == 0 ? 1 : -1) * (0.05 + (0.10 * random.NextDouble()))];
        var points = new List<HistoryPoint>();
        for (var i = 0; i < 24; i++)
        {
            var at = Array.IndexOf(planted, i);
            if (at >= 0)
            {
                level += deltas[at];
            }

            var load = Math.Exp(0.02 * Normal(random));
            var trials = Enumerable.Range(0, 3).Select(_ =>
            {
                var slow = random.NextDouble() < 0.02
                    ? 1 + (0.15 * Math.Abs(Normal(random)) / Math.Max(0.05, random.NextDouble()))
                    : 1;
                return level * load * Math.Exp(0.02 * Normal(random)) * slow;
            }).ToArray();
            var median = trials.Order().ElementAt(1);
            points.Add(new HistoryPoint($"c{i:D2}", median, 3, $"run-{i}", null, trials));
        }

        return points;
    }

    private static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
