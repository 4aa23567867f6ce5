using System.Globalization;
using AiLab.Stats.Calibration;
using AiLab.Stats.Distributions;
using AiLab.Stats.Sequential;
using AiLab.Stats.SignificanceTesting;

namespace AiLab.Bench.Verdicts;

/// <summary>
/// Average trials of the group-sequential design against the fixed-N design with the same α and the same power at
/// the design shift, on simulated experiments (no change, and the design shift), with both designs' measured error
/// rates, so that "fewer trials" is only claimed where the error rates match.
/// </summary>
internal sealed class SequentialSimCommand : IBenchCommand
{
    public string Name => "sequential-sim";

    public string Description => "group-sequential vs fixed-N: average trials at equal error rates, under no change and the design shift";

    public int Run(IReadOnlyList<string> args)
    {
        var options = new Options(args);
        var alpha = options.GetDouble("--alpha", 0.001);
        var power = options.GetDouble("--power", 0.9);
        var shift = options.GetDouble("--shift", 0.03);
        var lookCount = options.GetInt("--looks", 5);
        var experiments = options.GetInt("--experiments", 2000);
        var seed = options.GetInt("--seed", 1);
        var spending = Enum.Parse<SpendingFunction>(options.Get("--spending") ?? nameof(SpendingFunction.OBrienFleming));
        var source = NoiseSource.FromArgs(options, out var pool);
        var logSd = NoiseProfiler.Compute(pool, Math.Min(20, pool.Length / 2), seed: seed).LogSd;
        var inflation = options.GetDouble("--inflation", 1);

        var design = SequentialDesign.Plan(alpha, power, shift, logSd, lookCount, maxTrials: options.GetInt("--max-trials", 100_000), spending: spending, nullInflation: inflation);
        var fixedN = design.FixedTrials;
        var critical = NormalDistribution.Quantile(1 - (alpha / 2));
        Console.WriteLine($"noise: {source.Description}; planning log sd {F(logSd)} from {pool.Length} calibration values");
        Console.WriteLine($"design: α={F(alpha)} two-sided, power {F(design.Power)} at +{shift:P0}, {spending} spending, looks [{string.Join(", ", design.Looks)}] per variant");
        Console.WriteLine($"  efficacy |z| >= [{string.Join(", ", design.EfficacyBoundaries.Select(F))}]");
        Console.WriteLine($"  no change |z| <  [{string.Join(", ", design.FutilityBoundaries.Select(F))}]");
        Console.WriteLine($"fixed design: {fixedN} per variant, |z| >= {F(critical)}");
        Console.WriteLine();
        Console.WriteLine("| scenario | design | alarms as regression | alarms as improvement | avg trials per variant | predicted | saved vs fixed |");
        Console.WriteLine("|---|---|---|---|---|---|---|");

        var savings = new List<double>();
        foreach (var trueShift in new[] { 0.0, shift })
        {
            var random = new Random(seed + (int)(trueShift * 1e4));
            int seqUp = 0, seqDown = 0, fixUp = 0, fixDown = 0;
            long seqTrials = 0;
            for (var e = 0; e < experiments; e++)
            {
                var a = source.Sample(Math.Max(design.MaxTrials, fixedN), random);
                var b = source.Sample(Math.Max(design.MaxTrials, fixedN), random).Select(v => v * (1 + trueShift)).ToArray();
                for (var k = 0; k < design.Looks.Count; k++)
                {
                    var n = design.Looks[k];
                    var decision = design.Evaluate(a[..n], b[..n], k);
                    if (decision.Action == SequentialAction.Continue)
                    {
                        continue;
                    }

                    seqTrials += n;
                    seqUp += decision.Action == SequentialAction.StopRegression ? 1 : 0;
                    seqDown += decision.Action == SequentialAction.StopImprovement ? 1 : 0;
                    break;
                }

                var welch = WelchTTest.Run(b[..fixedN].Select(v => Math.Log(v)).ToArray(), a[..fixedN].Select(v => Math.Log(v)).ToArray());
                var z = ZOf(welch) / inflation;
                fixUp += z >= critical ? 1 : 0;
                fixDown += z <= -critical ? 1 : 0;
            }

            var average = seqTrials / (double)experiments;
            var saved = 1 - (average / fixedN);
            savings.Add(saved);
            var scenario = trueShift == 0 ? "no change (A/A)" : $"+{trueShift:P0}";
            Console.WriteLine($"| {scenario} | sequential | {Rates.Format(seqUp, experiments)} | {Rates.Format(seqDown, experiments)} | {F(average)} | {F(design.ExpectedTrials(trueShift))} | {saved:P1} |");
            Console.WriteLine($"| {scenario} | fixed N | {Rates.Format(fixUp, experiments)} | {Rates.Format(fixDown, experiments)} | {fixedN} | {fixedN} | |");
        }

        Console.WriteLine($"\naverage saving over the two scenarios: {savings.Average():P1} (target >= 30%)");
        return 0;
    }

    private static double ZOf(TTestResult welch)
    {
        var lower = StudentTDistribution.Cdf(-Math.Abs(welch.T), welch.DegreesOfFreedom);
        return Math.CopySign(-NormalDistribution.Quantile(lower), welch.T);
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
