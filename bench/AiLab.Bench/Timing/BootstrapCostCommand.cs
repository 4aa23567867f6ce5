using System.Globalization;
using AiLab.Bench.Verdicts;
using AiLab.Stats.Intervals;

namespace AiLab.Bench.Timing;

/// <summary>
/// The cost of the bootstrap interval the analysis computes per metric (2,000 resamples, 30 trials a side), beside
/// its floor: the same number of resamples with two medians each and nothing else. The goal is "well under 50 ms",
/// cheap enough to run per metric and per experiment without a second thought; it moved here from a unit test that
/// asserted it in wall-clock time and so failed on a loaded machine.
/// </summary>
internal sealed class BootstrapCostCommand : IBenchCommand
{
    public string Name => "bootstrap-cost";

    public string Description =>
        "Bootstrap.MedianChange (2000 resamples, 30/side) vs resample+two medians [--rounds N]";

    public int Run(IReadOnlyList<string> args)
    {
        var rounds = new Options(args).GetInt("--rounds", 21);
        var random = new Random(3);
        var baseline = Enumerable.Range(0, 30).Select(_ => 1000 + (50 * random.NextDouble())).ToArray();
        var candidate = Enumerable.Range(0, 30).Select(_ => 1040 + (50 * random.NextDouble())).ToArray();
        var seed = 0;
        var (bootstrap, floor) = SideBySide.Measure(
            () => Bootstrap.MedianChange(baseline, candidate, iterations: 2000, seed: seed++),
            () => ResampledMedians(baseline, candidate, 2000, seed++),
            rounds);

        var (bootstrapMedian, floorMedian) = (SideBySide.Quantile(bootstrap, 0.5), SideBySide.Quantile(floor, 0.5));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bootstrap 2000 x 30/side, {rounds} alternating rounds: MedianChange median {bootstrapMedian:0.00} ms "
            + $"(best {bootstrap.Min():0.00}, goal < 50), resample+medians floor median {floorMedian:0.00} ms "
            + $"(best {floor.Min():0.00}); ratio of medians {bootstrapMedian / floorMedian:0.00}"));
        return 0;
    }

    // The least any percentile bootstrap of a median ratio must do: draw both resamples and take their medians.
    private static double ResampledMedians(double[] a, double[] b, int iterations, int seed)
    {
        var random = new Random(seed);
        var (ra, rb) = (new double[a.Length], new double[b.Length]);
        var sum = 0.0;
        for (var i = 0; i < iterations; i++)
        {
            for (var j = 0; j < ra.Length; j++) ra[j] = a[random.Next(a.Length)];
            for (var j = 0; j < rb.Length; j++) rb[j] = b[random.Next(b.Length)];
            Array.Sort(ra);
            Array.Sort(rb);
            sum += rb[rb.Length / 2] / ra[ra.Length / 2];
        }

        return sum;
    }
}
