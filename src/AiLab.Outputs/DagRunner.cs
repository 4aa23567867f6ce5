using System.Diagnostics;
using AiLab.Outputs.Comparing;
using AiLab.Outputs.Dags;
using AiLab.Outputs.Data;
using AiLab.Outputs.Nodes;

namespace AiLab.Outputs;

/// <summary>Executes an inference DAG: reads the examples, runs each model node, compares the two sides.</summary>
/// <param name="runners">The runner per node kind; tests swap in fakes.</param>
/// <param name="random">Seeds the bootstrap; null to use the compare node's seed.</param>
public sealed class DagRunner(IReadOnlyDictionary<NodeKind, INodeRunner> runners, Random? random = null)
{
    /// <summary>The real runners: ONNX Runtime, ML.NET and external processes.</summary>
    public static DagRunner Default() =>
        new(new Dictionary<NodeKind, INodeRunner>
        {
            [NodeKind.Onnx] = new OnnxNodeRunner(),
            [NodeKind.MlNet] = new MlNetNodeRunner(),
            [NodeKind.Command] = new CommandNodeRunner(),
        });

    /// <summary>Checks everything that can be checked without running a model: the config (already parsed), the
    /// columns each node and the compare node read, the labels, and each ONNX model's signature.</summary>
    public static ExampleTable Validate(DagConfig dag)
    {
        var table = ExampleTableReader.Read(dag.Dataset.Path, dag.Dataset.IdColumn);
        foreach (var node in dag.Models)
        {
            foreach (var column in node.Columns) table.Numbers(column, $"node '{node.Name}'");
            if (node.Kind == NodeKind.Onnx) CheckOnnx(node);
        }

        Labels(dag.Compare, table);
        if (dag.Compare.Slice is { } slice) table.Texts(slice, $"compare node '{dag.Compare.Name}'");
        return table;
    }

    /// <summary>Runs the DAG and returns the comparison (not yet stored).</summary>
    public async Task<ComparisonReport> RunAsync(DagConfig dag, string id, DateTimeOffset now, CancellationToken cancellation)
    {
        var table = Validate(dag);
        var folder = Path.GetDirectoryName(Path.GetFullPath(dag.File))!;
        var timings = new Dictionary<string, double>();
        var scores = new Dictionary<string, double[]>();
        foreach (var name in new[] { dag.Compare.Baseline, dag.Compare.Candidate }.Distinct())
        {
            var node = dag.Model(name);
            var started = Stopwatch.GetTimestamp();
            scores[name] = await runners[node.Kind].RunAsync(node, table, folder, cancellation).ConfigureAwait(false);
            timings[name] = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (scores[name].Length != table.Count)
                throw new NodeFailedException(name, null, $"gave {scores[name].Length} scores for {table.Count} examples.");
        }

        var compareStarted = Stopwatch.GetTimestamp();
        var spec = dag.Compare;
        var (overall, slices, verdicts, flipped) = OutputComparer.Compare(spec, table.Ids, Labels(spec, table),
            spec.Slice is null ? null : table.Texts(spec.Slice, $"compare node '{spec.Name}'"),
            scores[spec.Baseline], scores[spec.Candidate], random ?? new Random(spec.Seed));
        timings[spec.Name] = Stopwatch.GetElapsedTime(compareStarted).TotalSeconds;
        return new ComparisonReport(id, now, dag.Name, Path.GetFullPath(dag.File), ArtifactIdentity.OfFile(Path.GetFileName(dag.Dataset.Path), dag.Dataset.Path),
            Identity(dag.Model(spec.Baseline)), Identity(dag.Model(spec.Candidate)), spec.Threshold, spec.Slice, overall, slices, verdicts, flipped, timings);
    }

    private static ArtifactIdentity Identity(ModelNodeSpec node) => node.Kind is NodeKind.Onnx or NodeKind.MlNet
        ? ArtifactIdentity.OfFile(node.Name, node.Model!)
        : new ArtifactIdentity(node.Name, string.Join(' ', node.Run!), null);

    private static void CheckOnnx(ModelNodeSpec node)
    {
        var (input, shape, output, _) = OnnxNodeRunner.Describe(node.Model!)[0];
        if (node.Input is null && node.Output is null && shape.Length == 2 && shape[1] > 0 && shape[1] != node.Columns.Count)
            throw new OutputsInputException(
                $"node '{node.Name}': input '{input}' has shape [{string.Join(", ", shape)}] but the node lists {node.Columns.Count} columns. " +
                $"List exactly the {shape[1]} columns the model was trained on (output '{output}').");
    }

    private static bool[] Labels(CompareSpec spec, ExampleTable table)
    {
        var values = table.Numbers(spec.Label, $"compare node '{spec.Name}'");
        var labels = new bool[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            labels[i] = values[i] switch
            {
                1 => true,
                0 => false,
                var v => throw new OutputsInputException($"compare node '{spec.Name}': example '{table.Ids[i]}' has {spec.Label} = {v}; "
                    + "labels must be 0 or 1."),
            };
        }

        return labels;
    }
}
