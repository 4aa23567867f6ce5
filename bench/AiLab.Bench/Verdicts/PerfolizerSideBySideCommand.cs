using System.Diagnostics;
using System.Globalization;
using AiLab.Core.Verdicts;
using AiLab.Lab.Analysis;
using AiLab.Stats.Calibration;
using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.SignificanceTesting;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using Sample = Pragmastat.Sample;

namespace AiLab.Bench.Verdicts;

/// <summary>
/// Runs AiLab's verdict rules and Perfolizer's (0.6.1, the statistics under BenchmarkDotNet) on the same simulated
/// experiments: every rule sees the same A and B of every experiment, so the rates differ only by the rule. Reports
/// each rule's A/A false-alarm rate (either direction, with its 95% Wilson interval) and its detection rate, as a
/// regression, at multiplicative shifts of B.
/// </summary>
internal sealed class PerfolizerSideBySideCommand : IBenchCommand
{
    public string Name => "perfolizer-ab";

    public string Description => "AiLab's default and calibrated verdicts vs Perfolizer's tests on the same simulated A/A and shifted experiments";

    public int Run(IReadOnlyList<string> args)
    {
        var options = new Options(args);
        var perSide = options.GetInt("--n", 20);
        var experiments = options.GetInt("--experiments", 2000);
        var shiftExperiments = options.GetInt("--shift-experiments", 1000);
        var shifts = options.GetList("--shifts", [0.01, 0.02, 0.03, 0.05, 0.10]);
        var seed = options.GetInt("--seed", 1);
        var alpha = options.GetDouble("--alpha", 0.01);
        var relative = options.GetDouble("--threshold-pct", 1);
        var budget = options.GetDouble("--budget", 0.001);
        var source = NoiseSource.FromArgs(options, out var pool);

        var stopwatch = Stopwatch.StartNew();
        var selection = ThresholdSelector.Select(pool, perSide, budget, new ThresholdSelectorOptions { TargetShifts = shifts, Seed = seed });
        var rules = Rules(selection, alpha, relative);
        Console.WriteLine($"noise: {source.Description}");
        Console.WriteLine(Invariant($"n = {perSide} per side; {experiments} A/A experiments and {shiftExperiments} per shift; seed {seed}; every rule sees the same experiments"));
        Console.WriteLine(Invariant($"calibrated rule: {selection.Detector} |statistic| > {selection.Threshold:0.####} (budget {budget} two-sided, fitted on the {pool.Length}-value pool the trials are drawn from)"));

        var random = new Random(seed + 99);
        var alarms = Count(rules, experiments, perSide, 0, source, random, seed);
        var detections = shifts.Select((shift, k) => Count(rules, shiftExperiments, perSide, shift, source, random, seed + ((k + 1) * 1_000_000))).ToArray();

        Console.WriteLine();
        Console.WriteLine("| rule | A/A false alarms (either direction), 95% Wilson | " + string.Join(" | ", shifts.Select(s => Invariant($"{s * 100:0.#}%"))) + " |");
        Console.WriteLine("|---|---|" + string.Concat(shifts.Select(_ => "---|")));
        for (var r = 0; r < rules.Count; r++)
        {
            var detected = detections.Select(d => Invariant($"{100.0 * d[r] / shiftExperiments:0.0}%"));
            Console.WriteLine($"| {rules[r].Name} | {Rates.Format(alarms[r], experiments)} | {string.Join(" | ", detected)} |");
        }

        Console.WriteLine(Invariant($"\nshift columns: share of experiments with B = A-noise × (1 + shift) called a regression (B slower); {stopwatch.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    // Rule outcome per experiment: +1 regression (B slower), -1 improvement, 0 no alarm.
    private sealed record Rule(string Name, Func<double[], double[], int, int> Decide);

    private static List<Rule> Rules(ThresholdSelection selection, double alpha, double relativePct)
    {
        var level = new SignificanceLevel(alpha);
        var threshold = Threshold.Parse(Invariant($"{relativePct}%"));
        var equivalence = new SimpleEquivalenceTest(MannWhitneyTest.Instance);
        return
        [
            new("AiLab default (`MetricComparer`, α = 0.01, min effect 1%)", (a, b, seed) =>
                MetricComparer.Compare("ttfb", a, b, VerdictPolicy.Default, seed).Verdict switch
                {
                    Verdict.Regression => 1,
                    Verdict.Improvement => -1,
                    _ => 0,
                }),
            new(Invariant($"AiLab calibrated (`ThresholdSelector`, budget {selection.Budget})"), (a, b, _) => selection.Decide(a, b).Direction),
            // Perform(x, y) says Greater when x exceeds y by more than the threshold; x is the candidate here.
            new(Invariant($"Perfolizer `SimpleEquivalenceTest(MannWhitneyTest)`, threshold {relativePct}%, α = {alpha}"), (a, b, _) =>
                equivalence.Perform(new Sample(b), new Sample(a), threshold, level) switch
                {
                    ComparisonResult.Greater => 1,
                    ComparisonResult.Lesser => -1,
                    _ => 0,
                }),
            new(Invariant($"Perfolizer `MannWhitneyTest`, two-sided, no threshold, α = {alpha}"), (a, b, _) =>
                Signed(MannWhitneyTest.Instance.GetPValue(new Sample(b), new Sample(a), AlternativeHypothesis.TwoSides, Threshold.Zero), alpha, a, b)),
            new(Invariant($"Perfolizer `WelchTest`, two-sided, raw values, α = {alpha}"), (a, b, _) =>
                Signed(WelchTest.Instance.GetPValue(new Sample(b), new Sample(a), AlternativeHypothesis.TwoSides, Threshold.Zero), alpha, a, b)),
        ];
    }

    // A two-sided test says only "different"; the direction is the sign of the median change.
    private static int Signed(double pValue, double alpha, double[] a, double[] b) =>
        pValue < alpha ? Math.Sign(Median(b) - Median(a)) : 0;

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    // Under A/A any alarm counts; under a shift only a regression does (calling a slowdown an improvement is a miss).
    private static int[] Count(List<Rule> rules, int count, int perSide, double shift, NoiseSource source, Random random, int seed)
    {
        var hits = new int[rules.Count];
        for (var i = 0; i < count; i++)
        {
            var a = source.Sample(perSide, random);
            var b = source.Sample(perSide, random).Select(v => v * (1 + shift)).ToArray();
            for (var r = 0; r < rules.Count; r++)
            {
                var direction = rules[r].Decide(a, b, seed + i);
                hits[r] += shift == 0 ? (direction != 0 ? 1 : 0) : (direction > 0 ? 1 : 0);
            }
        }

        return hits;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
