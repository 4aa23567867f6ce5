using System.Globalization;
using AiLab.Core.Workflows;
using AiLab.Core.Workflows.Loading;
using AiLab.Core.Workflows.Yaml;
using AiLab.Outputs.Features;
using AiLab.Stats.Classification;

namespace AiLab.Outputs.Dags;

/// <summary>Reads an inference DAG file; every problem is reported at once with file:line:column and a fix.</summary>
public static class DagReader
{
    private static readonly string[] TopKeys = ["name", "dataset", "nodes", "repository", "build"];
    private static readonly string[] DatasetKeys = ["path", "id"];
    private static readonly string[] ModelKeys =
        ["name", "type", "model", "run", "columns", "input", "output", "features"];
    private static readonly string[] CompareKeys =
        ["name", "type", "baseline", "candidate", "label", "threshold", "slice", "metrics", "alpha", "replicates", "seed"];
    private static readonly string[] RuleKeys = ["floor", "max_drop", "max_relative_drop", "direction"];

    /// <summary>Loads and validates <paramref name="path"/>.</summary>
    /// <exception cref="ConfigException">The file is missing, not YAML, or invalid.</exception>
    public static DagConfig Load(string path)
    {
        if (!System.IO.File.Exists(path))
            throw new ConfigException(new ConfigDiagnostic(
                path, null, null, $"DAG file '{path}' not found.", "Create one with 'ailab outputs init --model M --data D'."));
        return Parse(System.IO.File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Parses DAG text; relative paths resolve against <paramref name="folder"/>.</summary>
    public static DagConfig Parse(string text, string file, string folder)
    {
        var bag = new DiagnosticBag(file);
        var root = YamlTreeReader.Read(text, bag, out var readable);
        if (!readable || root is not ConfigMapping top)
        {
            if (readable) bag.Error(root?.Line ?? 1, root?.Column ?? 1, "The DAG file must be a mapping with name, dataset and nodes.");
            bag.ThrowIfAny();
            throw new InvalidOperationException("unreachable");
        }

        var keys = Keys(top, TopKeys, "the DAG", bag);
        var name = Text(keys, "name", bag) ?? Path.GetFileNameWithoutExtension(file);
        var dataset = ReadDataset(keys, top, folder, bag);
        var models = new List<ModelNodeSpec>();
        var features = new List<FeatureNodeSpec>();
        var compares = new List<(CompareSpec Spec, ConfigNode At)>();
        if (!keys.TryGetValue("nodes", out var nodesNode)) bag.Error(top, "Missing 'nodes'.", "List the model nodes and one node of type compare.");
        else if (nodesNode is not ConfigSequence nodes) bag.Error(nodesNode, $"'nodes' must be a list, found {nodesNode.Describe()}.");
        else
        {
            foreach (var item in nodes.Items)
            {
                if (item is not ConfigMapping node) { bag.Error(item, $"A node must be a mapping, found {item.Describe()}."); continue; }
                var all = Keys(node, [.. ModelKeys, .. CompareKeys, .. FeatureReader.Keys], "a node", bag, report: false);
                var type = Text(all, "type", bag);
                if (type == "compare") compares.Add((ReadCompare(node, bag), node));
                else if (type == "features") { if (FeatureReader.Read(node, bag) is { } f) features.Add(f); }
                else if (ReadModel(node, type, folder, bag) is { } model) models.Add(model);
            }

            models = models.Select(m => FeatureReader.Resolve(m, features, bag)).ToList();
            var named = models.Select(m => (m.Name, m.Line)).Concat(features.Select(f => (f.Name, f.Line)));
            foreach (var duplicate in named.GroupBy(m => m.Name).Where(g => g.Count() > 1))
                bag.Error(duplicate.Last().Line, 1, $"Two nodes are named '{duplicate.Key}'.", "Give every node its own name.");
            if (compares.Count != 1) bag.Error(nodesNode, $"The DAG needs exactly one node of type compare, found {compares.Count}.");
            foreach (var (spec, at) in compares)
            {
                var sides = new[] { spec.Baseline, spec.Candidate }.Where(s => s.Length > 0).Select(SideRef.Parse);
                foreach (var side in sides)
                {
                    if (models.All(m => m.Name != side.Node))
                        bag.Error(at, $"Node '{spec.Name}' compares '{side.Node}', which is not a model node.",
                            $"Known model nodes: {string.Join(", ", models.Select(m => m.Name))}.");
                    if (side.Revision is "")
                        bag.Error(at, $"Node '{spec.Name}' compares '{side.Node}@' with no revision after the '@'.",
                            "Write node@REV (a branch, tag or commit), or just the node's name for the working tree.");
                }

                if (spec.Baseline == spec.Candidate && spec.Baseline.Contains('@', StringComparison.Ordinal))
                    bag.Error(at, $"Node '{spec.Name}' compares '{spec.Baseline}' with itself.",
                        "Name two revisions, e.g. baseline: scorer@main and candidate: scorer@HEAD.");
            }
        }

        var repository = Text(keys, "repository", bag) is { } repo
            ? Path.GetFullPath(Path.Combine(folder, repo))
            : null;
        if (repository is not null && !Directory.Exists(repository))
            bag.Error(keys["repository"], $"Repository '{repository}' not found.",
                "Paths are relative to the DAG file.");
        bag.ThrowIfAny();
        return new DagConfig(name, file, dataset!, models, compares[0].Spec)
        {
            Features = features, Repository = repository, Build = Text(keys, "build", bag),
        };
    }

    private static DatasetSpec? ReadDataset(Dictionary<string, ConfigNode> keys, ConfigMapping top, string folder, DiagnosticBag bag)
    {
        if (!keys.TryGetValue("dataset", out var node)) { bag.Error(top, "Missing 'dataset'.", "Add dataset: { path: data.jsonl, id: id }."); return null; }
        if (node is not ConfigMapping mapping) { bag.Error(node, $"'dataset' must be a mapping, found {node.Describe()}."); return null; }
        var d = Keys(mapping, DatasetKeys, "dataset", bag);
        var path = Text(d, "path", bag);
        if (path is null) { bag.Error(node, "Missing dataset 'path'.", "Name a .jsonl, .csv or .parquet file."); return null; }
        var full = Path.GetFullPath(Path.Combine(folder, path));
        if (!System.IO.File.Exists(full)) bag.Error(d["path"], $"Data set '{path}' not found (looked at {full}).", "Paths are relative to the DAG file.");
        else if (!new[] { ".jsonl", ".csv", ".parquet" }.Any(e => full.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            bag.Error(d["path"], $"Data set '{path}' is not .jsonl, .csv or .parquet.",
                "Convert it to JSON lines, CSV with a header, or Parquet with flat columns.");
        return new DatasetSpec(full, Text(d, "id", bag));
    }

    private static ModelNodeSpec? ReadModel(ConfigMapping node, string? type, string folder, DiagnosticBag bag)
    {
        var k = Keys(node, ModelKeys, "a model node", bag);
        var name = Text(k, "name", bag);
        if (name is null) { bag.Error(node, "A node has no 'name'."); return null; }
        var columns = Strings(k, "columns", bag);
        var features = Text(k, "features", bag);
        if (features is null && columns is null or { Count: 0 })
            bag.Error(node, $"Node '{name}' has no 'columns'.",
                "List the data columns the model reads, in order, or name a feature node in 'features:'.");
        switch (type)
        {
            case "onnx":
                var model = Text(k, "model", bag);
                if (model is null) { bag.Error(node, $"Node '{name}' has no 'model'.", "Name the .onnx file."); return null; }
                var full = Path.GetFullPath(Path.Combine(folder, model));
                if (!System.IO.File.Exists(full)) bag.Error(k["model"], $"Model '{model}' of node '{name}' not found (looked at {full}).");
                return new ModelNodeSpec(
                        name, NodeKind.Onnx, full, null, columns ?? [], Text(k, "input", bag), Text(k, "output", bag), node.Line)
                    { Features = features };
            case "mlnet":
                var zip = Text(k, "model", bag);
                if (zip is null) { bag.Error(node, $"Node '{name}' has no 'model'.", "Name the ML.NET .zip file."); return null; }
                var zipPath = Path.GetFullPath(Path.Combine(folder, zip));
                if (!System.IO.File.Exists(zipPath)) bag.Error(k["model"], $"Model '{zip}' of node '{name}' not found (looked at {zipPath}).");
                return new ModelNodeSpec(
                        name, NodeKind.MlNet, zipPath, null, columns ?? [], Text(k, "input", bag), Text(k, "output", bag),
                        node.Line)
                    { Features = features };
            case "command":
                var run = Strings(k, "run", bag);
                if (run is null or { Count: 0 })
                {
                    bag.Error(node, $"Node '{name}' has no 'run'.", "Give the command as a list, e.g. [python3, score.py].");
                    return null;
                }

                return new ModelNodeSpec(
                        name, NodeKind.Command, null, run, columns ?? [], null, Text(k, "output", bag) ?? "score", node.Line)
                    { Features = features };
            case null:
                bag.Error(node, $"Node '{name}' has no 'type'.", "Use features, onnx, mlnet, command or compare.");
                return null;
            default:
                bag.Error(k["type"], $"Node '{name}' has unknown type '{type}'.",
                    "Use features, onnx, mlnet, command or compare.");
                return null;
        }
    }

    private static CompareSpec ReadCompare(ConfigMapping node, DiagnosticBag bag)
    {
        var k = Keys(node, CompareKeys, "the compare node", bag);
        var name = Text(k, "name", bag) ?? "compare";
        string Required(string key, string hint)
        {
            var value = Text(k, key, bag);
            if (value is null) bag.Error(node, $"Compare node '{name}' has no '{key}'.", hint);
            return value ?? "";
        }

        var baseline = Required("baseline", "Name the model node that runs today.");
        var candidate = Required("candidate", "Name the model node to check.");
        var label = Required("label", "Name the data column of 0/1 labels.");
        var threshold = Number(k, "threshold", bag) ?? 0.5;
        var alpha = Number(k, "alpha", bag) ?? 0.05;
        if (alpha is <= 0 or >= 0.5) bag.Error(k["alpha"], $"alpha must lie in (0, 0.5), got {alpha}.");
        var replicates = (int)(Number(k, "replicates", bag) ?? 400);
        if (replicates < 10) bag.Error(k["replicates"], $"replicates must be at least 10, got {replicates}.");
        var rules = new List<MetricRule>();
        if (!k.TryGetValue("metrics", out var metricsNode))
            bag.Error(node, $"Compare node '{name}' has no 'metrics'.", "E.g. metrics: { auroc: { max_drop: 0.01 } }.");
        else if (metricsNode is not ConfigMapping metrics) bag.Error(metricsNode, $"'metrics' must be a mapping, found {metricsNode.Describe()}.");
        else
        {
            foreach (var entry in metrics.Entries)
            {
                var metric = ((ConfigScalar)entry.Key).Value;
                if (!BinaryMetrics.Names.Contains(metric))
                {
                    bag.Error(entry.Key, $"Unknown metric '{metric}'.", $"Use one of {string.Join(", ", BinaryMetrics.Names)}.");
                    continue;
                }

                if (entry.Value is not ConfigMapping rule)
                {
                    bag.Error(entry.Value, $"Metric '{metric}' needs a mapping of floor/max_drop/max_relative_drop.");
                    continue;
                }

                var r = Keys(rule, RuleKeys, $"metric '{metric}'", bag);
                var direction = Text(r, "direction", bag);
                if (direction is not null and not "higher" and not "lower")
                    bag.Error(r["direction"], $"direction must be 'higher' or 'lower' (is better), got '{direction}'.");
                rules.Add(new MetricRule(metric, Number(r, "floor", bag), Number(r, "max_drop", bag), Number(r, "max_relative_drop", bag),
                    direction is null ? MetricRule.DefaultHigherIsBetter(metric) : direction == "higher"));
            }
        }

        return new CompareSpec(name, baseline, candidate, label, threshold, Text(k, "slice", bag), rules, alpha, replicates,
            (int)(Number(k, "seed", bag) ?? 20261206));
    }

    internal static Dictionary<string, ConfigNode> Keys(
        ConfigMapping mapping, string[] known, string where, DiagnosticBag bag, bool report = true)
    {
        var keys = new Dictionary<string, ConfigNode>();
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key is ConfigScalar s ? s.Value : "";
            if (report && !known.Contains(key)) bag.Error(entry.Key, $"Unknown key '{key}' in {where}.", $"Known keys: {string.Join(", ", known)}.");
            else if (report && keys.ContainsKey(key)) bag.Error(entry.Key, $"Key '{key}' appears twice in {where}.");
            keys[key] = entry.Value;
        }

        return keys;
    }

    internal static string? Text(Dictionary<string, ConfigNode> keys, string key, DiagnosticBag bag)
    {
        if (!keys.TryGetValue(key, out var node)) return null;
        if (node is ConfigScalar { IsNull: false } s) return s.Value;
        bag.Error(node, $"'{key}' must be a single value, found {node.Describe()}.");
        return null;
    }

    internal static double? Number(Dictionary<string, ConfigNode> keys, string key, DiagnosticBag bag)
    {
        var text = Text(keys, key, bag);
        if (text is null) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
        bag.Error(keys[key], $"'{key}' must be a number, found '{text}'.");
        return null;
    }

    private static List<string>? Strings(Dictionary<string, ConfigNode> keys, string key, DiagnosticBag bag)
    {
        if (!keys.TryGetValue(key, out var node)) return null;
        if (node is ConfigSequence { Items: var items } && items.All(i => i is ConfigScalar { IsNull: false }))
            return items.Select(i => ((ConfigScalar)i).Value).ToList();
        bag.Error(node, $"'{key}' must be a list of names, found {node.Describe()}.", $"E.g. {key}: [a, b].");
        return null;
    }
}
