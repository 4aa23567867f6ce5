using System.Diagnostics;
using System.Globalization;
using AiLab.Stats.Calibration;

namespace AiLab.Bench.Verdicts;

/// <summary>
/// Calibrates a threshold on a pool of A/A values, then measures it on fresh simulated experiments from the same
/// noise: the false-positive rate on A/A experiments (with its 95% Wilson interval) and the detection rate at
/// injected shifts. With --pool FILE the calibration is fitted on the file's first half (in run order) and also
/// checked on A/A splits of the held-out second half.
/// </summary>
internal sealed class DetectionSimCommand : IBenchCommand
{
    public string Name => "detection-sim";

    public string Description => "calibrated threshold: A/A false-positive rate and detection per shift on fresh simulated experiments";

    public int Run(IReadOnlyList<string> args)
    {
        var options = new Options(args);
        var perSide = options.GetInt("--n", 20);
        var budget = FalsePositiveBudget.Create(options.GetDouble("--alarms", 1), options.GetDouble("--experiments-per-period", 1000), "period");
        var experiments = options.GetInt("--experiments", 4000);
        var shiftExperiments = options.GetInt("--shift-experiments", 1000);
        var shifts = options.GetList("--shifts", [0.01, 0.02, 0.03, 0.05, 0.10]);
        var seed = options.GetInt("--seed", 1);
        var source = NoiseSource.FromArgs(options, out var pool);
        var heldOut = Array.Empty<double>();
        if (options.Get("--pool") is not null)
        {
            // Fit on the first half in run order; simulate from that half; check on the untouched second half.
            heldOut = pool[(pool.Length / 2)..];
            pool = pool[..(pool.Length / 2)];
            source = NoiseSource.FromValues(pool, $"first half of {Path.GetFileName(options.Get("--pool"))}");
        }

        var stopwatch = Stopwatch.StartNew();
        var selection = ThresholdSelector.Select(pool, perSide, budget, new ThresholdSelectorOptions { TargetShifts = shifts, Seed = seed });
        var selectSeconds = stopwatch.Elapsed.TotalSeconds;
        var profile = NoiseProfiler.Compute(pool, perSide, seed: seed);

        Console.WriteLine($"noise: {source.Description}");
        Console.WriteLine(Invariant($"calibration pool: {pool.Length} values, median {profile.Median:0.#} ms, log sd {profile.LogSd:0.####}, robust {profile.LogMadSd:0.####}, tail weight {profile.TailWeight:0.##}, outliers {profile.OutlierShare:P1}, level shift {profile.LevelShiftPct:0.##}% (p={profile.LevelShiftPValue:0.####})"));
        Console.WriteLine($"budget: {budget}");
        Console.WriteLine(Invariant($"selection ({selectSeconds:0.0} s): {selection.Why}"));
        foreach (var c in selection.Candidates)
        {
            Console.WriteLine(Invariant($"  {c.Detector,-15} threshold {c.Threshold:0.####} ({c.Source}; empirical {c.EmpiricalThreshold?.ToString("0.####", CultureInfo.InvariantCulture) ?? "thin"}, parametric {c.ParametricThreshold:0.####}) fpr {c.Fpr:0.#####} tpr@design {c.TprAtDesignShift:0.###}"));
        }

        var random = new Random(seed + 99);
        var alarms = 0;
        for (var i = 0; i < experiments; i++)
        {
            alarms += selection.Decide(source.Sample(perSide, random), source.Sample(perSide, random)).Alarm ? 1 : 0;
        }

        Console.WriteLine();
        Console.WriteLine($"| experiments | n per side | alarms (either direction) | budget |");
        Console.WriteLine($"|---|---|---|---|");
        Console.WriteLine(Invariant($"| A/A, fresh simulated | {perSide} | {Rates.Format(alarms, experiments)} | {budget.PerMetricRate:0.####} |"));
        if (heldOut.Length >= 2 * perSide)
        {
            var held = HeldOutSplits(selection, heldOut, perSide, experiments, seed, 0);
            Console.WriteLine(Invariant($"| A/A, random splits of the held-out real half ({heldOut.Length} values; splits overlap) | {perSide} | {Rates.Format(held, experiments)} | {budget.PerMetricRate:0.####} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| shift | detected as regression (fresh simulated) | calibration's estimate |" + (heldOut.Length > 0 ? " held-out real half, shift injected |" : ""));
        Console.WriteLine("|---|---|---|" + (heldOut.Length > 0 ? "---|" : ""));
        var chosen = selection.Candidates.First(c => c.Detector == selection.Detector);
        foreach (var shift in shifts)
        {
            var detected = 0;
            for (var i = 0; i < shiftExperiments; i++)
            {
                var b = source.Sample(perSide, random).Select(v => v * (1 + shift)).ToArray();
                detected += selection.Decide(source.Sample(perSide, random), b).Direction > 0 ? 1 : 0;
            }

            var estimate = chosen.Power.First(p => p.Shift == shift).Tpr;
            var real = heldOut.Length >= 2 * perSide ? " " + Rates.Format(HeldOutSplits(selection, heldOut, perSide, shiftExperiments, seed, shift), shiftExperiments) + " |" : "";
            Console.WriteLine(Invariant($"| {shift:P0} | {Rates.Format(detected, shiftExperiments)} | {estimate:0.###} |{real}"));
        }

        Console.WriteLine(Invariant($"\nminimum detectable shift at n={perSide}: {Pct(selection.MinDetectableShift80)} (80%), {Pct(selection.MinDetectableShift90)} (90%)"));
        return 0;
    }

    // Random splits of the held-out half; with a shift, B is multiplied and only a regression counts.
    private static int HeldOutSplits(ThresholdSelection selection, double[] heldOut, int perSide, int count, int seed, double shift)
    {
        var random = new Random(seed + 7);
        var alarms = 0;
        for (var i = 0; i < count; i++)
        {
            var shuffled = heldOut.OrderBy(_ => random.Next()).ToArray();
            var decision = selection.Decide(shuffled[..perSide], shuffled[perSide..(2 * perSide)].Select(v => v * (1 + shift)).ToArray());
            alarms += shift == 0 ? (decision.Alarm ? 1 : 0) : (decision.Direction > 0 ? 1 : 0);
        }

        return alarms;
    }

    private static string Pct(double? v) => v is { } s ? Invariant($"{s:P1}") : "> 100%";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
