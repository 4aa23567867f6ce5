using System.Diagnostics;
using System.Globalization;
using AiLab.Bench.Verdicts;
using AiLab.Stats.Paired;

namespace AiLab.Bench.Outputs;

/// <summary>
/// The paired Poisson bootstrap (AUPRC, precision, recall) at N examples: the current kernel and the previous one
/// (<see cref="ReferencePairedBootstrap"/>) alternately on the same scores, wall and CPU time of all threads, so the
/// ratio holds on a loaded machine. Prints each interval too: the two kernels draw different weights, so their
/// intervals agree only to bootstrap error.
/// </summary>
internal sealed class BootstrapKernelCommand : IBenchCommand
{
    public string Name => "bootstrap-kernel";

    public string Description => "paired Poisson bootstrap: current vs previous kernel, side by side, at N examples";

    public int Run(IReadOnlyList<string> args)
    {
        var options = new Options(args);
        var n = options.GetInt("--examples", 1_000_000);
        var repetitions = options.GetInt("--repetitions", 3);
        var replicates = options.GetInt("--replicates", PairedBootstrap.DefaultReplicates);
        var (labels, a, b) = Scores(n);
        Console.WriteLine(F($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}"));
        Console.WriteLine(F($"bootstrap-kernel: {n:N0} examples, {replicates} replicates, {repetitions} repetitions, {Environment.ProcessorCount} CPUs"));
        var current = new List<(double Wall, double Cpu)>();
        var previous = new List<(double Wall, double Cpu)>();
        PairedBootstrapResult? now = null, before = null;
        for (var r = 0; r < repetitions; r++)
        {
            before = Time(previous, () => ReferencePairedBootstrap.Compute(labels, a, b, 0.5, new Random(r), replicates));
            now = Time(current, () => PairedBootstrap.Compute(labels, a, b, 0.5, new Random(r), replicates));
        }

        var cpuRatio = Median(previous.Select(t => t.Cpu)) / Median(current.Select(t => t.Cpu));
        var wallRatio = Median(previous.Select(t => t.Wall)) / Median(current.Select(t => t.Wall));
        Report("previous kernel", previous);
        Report("current kernel ", current);
        Console.WriteLine(F($"  speed-up (previous / current, medians): CPU {cpuRatio:F1}x, wall {wallRatio:F1}x"));
        Console.WriteLine(F($"  AUPRC change interval: previous {before!.AveragePrecision}, current {now!.AveragePrecision}"));
        return 0;
    }

    private static PairedBootstrapResult Time(List<(double, double)> into, Func<PairedBootstrapResult> run)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var result = run();
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        process.Refresh();
        into.Add((wall, (process.TotalProcessorTime - cpu).TotalSeconds));
        return result;
    }

    private static void Report(string what, List<(double Wall, double Cpu)> times)
    {
        var wall = times.Select(t => t.Wall).Order().ToArray();
        var cpu = times.Select(t => t.Cpu).Order().ToArray();
        var w = F($"wall median {Median(wall):F2} s [{wall[0]:F2}, {wall[^1]:F2}]");
        Console.WriteLine(F($"  {what}: {w}, CPU median {Median(cpu):F2} s [{cpu[0]:F2}, {cpu[^1]:F2}]"));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    // Two correlated classifiers on a 30% positive class, scores rounded to 4 decimals (ties, as real models give).
    private static (bool[] Labels, double[] A, double[] B) Scores(int n)
    {
        var random = new Random(20261206);
        var labels = new bool[n];
        var a = new double[n];
        var b = new double[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = random.NextDouble() < 0.3;
            var signal = (labels[i] ? 1.2 : 0) + Normal(random);
            a[i] = Math.Round(1 / (1 + Math.Exp(-signal)), 4);
            b[i] = Math.Round(1 / (1 + Math.Exp(-(signal + (0.3 * Normal(random))))), 4);
        }

        return (labels, a, b);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
