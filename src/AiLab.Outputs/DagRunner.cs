using System.Diagnostics;
using AiLab.Outputs.Comparing;
using AiLab.Outputs.Dags;
using AiLab.Outputs.Data;
using AiLab.Outputs.Features;
using AiLab.Outputs.Nodes;
using AiLab.Outputs.Revisions;

namespace AiLab.Outputs;

/// <summary>Executes an inference DAG: reads the examples, runs the feature nodes, runs each side's model node
/// (from the working tree, or from a revision's checkout for a <c>node@REV</c> side), compares the two sides.</summary>
/// <param name="runners">The runner per node kind; tests swap in fakes.</param>
/// <param name="random">Seeds the bootstrap; null to use the compare node's seed.</param>
/// <param name="checkout">Checks out <c>node@REV</c> sides; null when the DAG may not name revisions.</param>
public sealed class DagRunner(
    IReadOnlyDictionary<NodeKind, INodeRunner> runners, Random? random = null, IRevisionCheckout? checkout = null)
{
    /// <summary>The real runners: ONNX Runtime, ML.NET and external processes; revisions go to git worktrees in
    /// <paramref name="buildsRoot"/> (the lab's build cache) when given.</summary>
    public static DagRunner Default(string? buildsRoot = null) =>
        new(new Dictionary<NodeKind, INodeRunner>
        {
            [NodeKind.Onnx] = new OnnxNodeRunner(),
            [NodeKind.MlNet] = new MlNetNodeRunner(),
            [NodeKind.Command] = new CommandNodeRunner(),
        }, checkout: buildsRoot is null ? null : new GitRevisionCheckout(buildsRoot));

    /// <summary>Checks everything that can be checked without running a model: the config (already parsed), the
    /// feature nodes (run: they are cheap), the columns each node and the compare node read, the labels, and each
    /// ONNX model's signature. Returns the examples with the feature nodes' outputs added.</summary>
    public static ExampleTable Validate(DagConfig dag)
    {
        var table = ExampleTableReader.Read(dag.Dataset.Path, dag.Dataset.IdColumn);
        foreach (var features in dag.Features) table = FeatureBuilder.Apply(features, table);
        foreach (var node in dag.Models)
        {
            foreach (var column in node.Columns) table.Numbers(node.TableColumn(column), $"node '{node.Name}'");
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
        var identities = new Dictionary<string, ArtifactIdentity>();
        foreach (var side in new[] { dag.Compare.Baseline, dag.Compare.Candidate }.Distinct())
        {
            var (node, nodeFolder, identity) = Locate(dag, side, folder, cancellation);
            var started = Stopwatch.GetTimestamp();
            scores[side] = await runners[node.Kind].RunAsync(node, table, nodeFolder, cancellation)
                .ConfigureAwait(false);
            timings[side] = Stopwatch.GetElapsedTime(started).TotalSeconds;
            identities[side] = identity;
            if (scores[side].Length != table.Count)
                throw new NodeFailedException(
                    side, null, $"gave {scores[side].Length} scores for {table.Count} examples.");
        }

        var compareStarted = Stopwatch.GetTimestamp();
        var spec = dag.Compare;
        var labels = Labels(spec, table);
        var (overall, slices, verdicts, flipped) = OutputComparer.Compare(spec, table.Ids, labels,
            spec.Slice is null ? null : table.Texts(spec.Slice, $"compare node '{spec.Name}'"),
            scores[spec.Baseline], scores[spec.Candidate], random ?? new Random(spec.Seed));
        var curves = new ComparisonCurves(
            CurveSampler.Roc(labels, scores[spec.Baseline]), CurveSampler.Roc(labels, scores[spec.Candidate]),
            CurveSampler.PrecisionRecall(labels, scores[spec.Baseline]),
            CurveSampler.PrecisionRecall(labels, scores[spec.Candidate]));
        timings[spec.Name] = Stopwatch.GetElapsedTime(compareStarted).TotalSeconds;
        return new ComparisonReport(id, now, dag.Name, Path.GetFullPath(dag.File),
            ArtifactIdentity.OfFile(Path.GetFileName(dag.Dataset.Path), dag.Dataset.Path),
            identities[spec.Baseline], identities[spec.Candidate], spec.Threshold, spec.Slice, overall, slices, verdicts,
            flipped, timings)
        {
            Curves = curves,
        };
    }

    // A side in the working tree runs as the DAG says; node@REV runs the same node from REV's checkout: its model file
    // (or its command's folder) at the same path relative to the repository root.
    private (ModelNodeSpec Node, string Folder, ArtifactIdentity Identity) Locate(
        DagConfig dag, string side, string folder, CancellationToken cancellation)
    {
        var node = dag.Model(side);
        var revision = SideRef.Parse(side).Revision;
        if (revision is null) return (node, folder, Identity(node, node.Name));
        if (checkout is null)
            throw new OutputsInputException(
                $"compare node '{dag.Compare.Name}' names '{side}', but this runner cannot check revisions out.");
        var tree = checkout.Checkout(dag.Repository ?? folder, revision, dag.Build, node.Name, cancellation);
        var name = $"{node.Name}@{revision} ({tree.Commit[..12]})";
        string Rebase(string path, string what)
        {
            var relative = Path.GetRelativePath(tree.RepositoryRoot, path);
            if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
                throw new OutputsInputException(
                    $"node '{side}': its {what} {path} lies outside the repository {tree.RepositoryRoot}, "
                    + "so it has no revisions.");
            return Path.Combine(tree.Directory, relative);
        }

        var revisionFolder = Rebase(folder, "DAG folder");
        if (node.Model is null)
            return (node, revisionFolder, new ArtifactIdentity(name, $"{string.Join(' ', node.Run!)} (commit {tree.Commit})", null));
        var model = Rebase(node.Model, "model");
        if (!File.Exists(model))
            throw new OutputsInputException(
                $"node '{side}': {Path.GetRelativePath(tree.RepositoryRoot, node.Model)} is not in commit "
                + $"{tree.Commit[..12]} (nor made by the DAG's 'build:'). Commit the model at that revision, or add a "
                + "build command that makes it.");
        var rebased = node with { Model = model };
        return (rebased, revisionFolder, Identity(rebased, name));
    }

    private static ArtifactIdentity Identity(ModelNodeSpec node, string name) =>
        node.Kind is NodeKind.Onnx or NodeKind.MlNet
        ? ArtifactIdentity.OfFile(name, node.Model!)
        : new ArtifactIdentity(name, string.Join(' ', node.Run!), null);

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
