using System.Diagnostics;
using System.Globalization;
using System.Text;
using AiLab.Bench.Verdicts;
using AiLab.Outputs;
using AiLab.Outputs.Comparing;
using AiLab.Outputs.Dags;
using AiLab.Outputs.Nodes;

namespace AiLab.Bench.Outputs;

/// <summary>
/// Throughput of a two-model inference DAG (the example's two ONNX models through ONNX Runtime) with the
/// signal-comparison node, on N generated examples written as JSONL; then the comparison alone (metrics, McNemar,
/// DeLong, the paired bootstrap, per slice) on in-memory scores, repeated. Each figure is the median of the
/// repetitions with [min, max], which for 5 repetitions is a 93.75% distribution-free interval of the median
/// (order statistics: 1 − 2·0.5⁵).
/// </summary>
internal sealed class OutputsDagCommand : IBenchCommand
{
    public string Name => "outputs-dag";

    public string Description => "examples/s through a two-model ONNX DAG with the comparison node; the comparison's cost at N examples";

    public int Run(IReadOnlyList<string> args)
    {
        var options = new Options(args);
        var n = options.GetInt("--examples", 1_000_000);
        var repetitions = options.GetInt("--repetitions", 5);
        var replicates = options.GetInt("--replicates", 400);
        var models = options.Get("--models") ?? Path.Combine("examples", "outputs-compare", "models");
        var folder = Directory.CreateTempSubdirectory("ailab-bench-outputs-").FullName;
        try
        {
            var data = Path.Combine(folder, "data.jsonl");
            Generate(data, n);
            var dagPath = Path.Combine(folder, "dag.yaml");
            File.WriteAllText(dagPath, Dag(Path.GetFullPath(models), replicates));
            var dag = DagReader.Load(dagPath);
            Console.WriteLine(Invariant($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}"));
            Console.WriteLine(Invariant($"outputs-dag: {n:N0} examples, {repetitions} repetitions, {replicates} bootstrap replicates, {Environment.ProcessorCount} CPUs"));

            var totals = new List<double>();
            var cpu = new List<double>();
            var nodes = new List<double>();
            var compares = new List<double>();
            ComparisonReport? last = null;
            for (var r = 0; r < repetitions; r++)
            {
                var started = Stopwatch.GetTimestamp();
                var cpuStarted = Process.GetCurrentProcess().TotalProcessorTime;
                last = DagRunner.Default().RunAsync(dag, $"bench-{r}", DateTimeOffset.Now, CancellationToken.None).GetAwaiter().GetResult();
                totals.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuStarted).TotalSeconds);
                nodes.Add(last.Timings["baseline"] + last.Timings["candidate"]);
                compares.Add(last.Timings["compare"]);
            }

            Report("whole DAG (read JSONL, 2 ONNX nodes, compare)", totals, n);
            Report("whole DAG, CPU time of all threads", cpu, n);
            Report("both ONNX nodes", nodes, n);
            Report("comparison node (all metrics, tests, intervals, 3 slices)", compares, n);
            CompareAlone(dag, n, repetitions);
            Console.WriteLine(Invariant($"verdict of the last run: {(last!.Passed ? "ready" : "not ready")}; AUROC change {last.Overall.Delta("auroc").Change:+0.0000;-0.0000}"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The comparison node alone on in-memory scores: wall and CPU time (all threads), so that a loaded machine's
    // waiting shows as the gap between the two.
    private static void CompareAlone(DagConfig dag, int n, int repetitions)
    {
        var table = DagRunner.Validate(dag);
        var runner = new OnnxNodeRunner();
        var a = runner.RunAsync(dag.Model("baseline"), table, ".", CancellationToken.None).GetAwaiter().GetResult();
        var b = runner.RunAsync(dag.Model("candidate"), table, ".", CancellationToken.None).GetAwaiter().GetResult();
        var labels = table.Numbers("label", "bench").Select(v => v == 1).ToArray();
        var slices = table.Texts("slice", "bench");
        var wall = new List<double>();
        var cpu = new List<double>();
        for (var r = 0; r < repetitions; r++)
        {
            var started = Stopwatch.GetTimestamp();
            var cpuStarted = Process.GetCurrentProcess().TotalProcessorTime;
            OutputComparer.Compare(dag.Compare, table.Ids, labels, slices, a, b, new Random(r));
            wall.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuStarted).TotalSeconds);
        }

        Report("comparison alone, wall", wall, n);
        Report("comparison alone, CPU time of all threads", cpu, n);
    }

    private static void Report(string what, List<double> seconds, int n)
    {
        var sorted = seconds.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        Console.WriteLine(Invariant(
            $"  {what}: median {median:F2} s [{sorted[0]:F2}, {sorted[^1]:F2}] = {n / median:N0} examples/s [{n / sorted[^1]:N0}, {n / sorted[0]:N0}]"));
    }

    // The example's generator, so that the models see the data they were trained on.
    private static void Generate(string path, int n)
    {
        var random = new Random(42);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        for (var i = 0; i < n; i++)
        {
            var slice = "abc"[random.Next(3)];
            var f = new double[4];
            for (var k = 0; k < 4; k++) f[k] = Normal(random);
            double logit;
            if (slice == 'c')
            {
                f[2] = 4 + (0.5 * Normal(random));
                logit = 3 * (f[3] - f[0]);
            }
            else
            {
                logit = 3 * (f[0] + f[1]);
            }

            var label = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
            writer.Write(Invariant($"{{\"id\":\"b{i}\",\"slice\":\"{slice}\",\"f0\":{f[0]:F4},\"f1\":{f[1]:F4},\"f2\":{f[2]:F4},\"f3\":{f[3]:F4},\"label\":{label}}}\n"));
        }
    }

    private static string Dag(string models, int replicates) => $$"""
        name: bench
        dataset: { path: data.jsonl, id: id }
        nodes:
          - { name: baseline, type: onnx, model: {{models}}/baseline.onnx, columns: [f0, f1, f2, f3] }
          - { name: candidate, type: onnx, model: {{models}}/candidate_equivalent.onnx, columns: [f0, f1, f2, f3] }
          - name: compare
            type: compare
            baseline: baseline
            candidate: candidate
            label: label
            slice: slice
            replicates: {{replicates}}
            metrics:
              accuracy: { max_drop: 0.02 }
              auroc: { max_drop: 0.02 }
              auprc: { max_drop: 0.03 }
              recall: { max_drop: 0.05 }
              precision: { max_drop: 0.05 }
        """;

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
