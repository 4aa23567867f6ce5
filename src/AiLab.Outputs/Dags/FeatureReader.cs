using AiLab.Core.Workflows.Loading;
using AiLab.Core.Workflows.Yaml;
using AiLab.Outputs.Features;

namespace AiLab.Outputs.Dags;

/// <summary>Reads <c>type: features</c> nodes and points model nodes at their outputs.</summary>
internal static class FeatureReader
{
    /// <summary>The keys a feature node may set.</summary>
    public static readonly string[] Keys = ["name", "type", "outputs"];

    private static readonly string[] OutputKeys = ["from", "op", "value", "mean", "std", "default"];

    private static readonly Dictionary<string, FeatureOp> Ops = new(StringComparer.Ordinal)
    {
        ["copy"] = FeatureOp.Copy, ["standardize"] = FeatureOp.Standardize, ["log1p"] = FeatureOp.Log1p,
        ["one_hot"] = FeatureOp.OneHot,
    };

    private const string Example =
        "outputs: { f0: { from: f0 }, age_z: { from: age, op: standardize, mean: 41.2, std: 12.5 } }";

    /// <summary>The node, or null (reported) when it is unusable.</summary>
    public static FeatureNodeSpec? Read(ConfigMapping node, DiagnosticBag bag)
    {
        var k = DagReader.Keys(node, Keys, "a feature node", bag);
        var name = DagReader.Text(k, "name", bag);
        if (name is null) { bag.Error(node, "A node has no 'name'."); return null; }
        if (name.Contains('.', StringComparison.Ordinal) || name.Contains('@', StringComparison.Ordinal))
            bag.Error(k["name"], $"Feature node name '{name}' may not contain '.' or '@'.",
                "Use letters, digits, '_' and '-'.");
        if (!k.TryGetValue("outputs", out var outputsNode)
            || outputsNode is not ConfigMapping { Entries.Count: > 0 } outputs)
        {
            bag.Error(node, $"Feature node '{name}' needs 'outputs': a mapping from output name to how it is derived.",
                $"E.g. {Example}.");
            return null;
        }

        var specs = new List<FeatureSpec>();
        foreach (var entry in outputs.Entries)
        {
            var output = ((ConfigScalar)entry.Key).Value;
            if (entry.Value is ConfigScalar { IsNull: false } column)
            {
                specs.Add(new FeatureSpec(output, column.Value, FeatureOp.Copy, null, null, null, null));
                continue;
            }

            if (entry.Value is not ConfigMapping mapping)
            {
                bag.Error(entry.Value,
                    $"Output '{output}' of feature node '{name}' must be a column name or a mapping.",
                    $"E.g. {Example}.");
                continue;
            }

            if (ReadOutput(name, output, mapping, bag) is { } spec) specs.Add(spec);
        }

        return new FeatureNodeSpec(name, specs, node.Line);
    }

    /// <summary><paramref name="model"/> with its columns resolved against the feature node it names (all of the
    /// node's outputs, in order, when it lists none); unknown nodes and outputs are reported.</summary>
    public static ModelNodeSpec Resolve(ModelNodeSpec model, IReadOnlyList<FeatureNodeSpec> features, DiagnosticBag bag)
    {
        if (model.Features is not { } name) return model;
        var node = features.FirstOrDefault(f => f.Name == name);
        if (node is null)
        {
            bag.Error(model.Line, 1, $"Node '{model.Name}' reads features from '{name}', which is not a feature node.",
                features.Count == 0 ? "Add a node of type features, or list data columns in 'columns:'."
                    : $"Known feature nodes: {string.Join(", ", features.Select(f => f.Name))}.");
            return model;
        }

        var outputs = node.Outputs.Select(o => o.Output).ToList();
        if (model.Columns.Count == 0) return model with { Columns = outputs };
        foreach (var column in model.Columns.Where(c => !outputs.Contains(c)))
            bag.Error(model.Line, 1,
                $"Node '{model.Name}' reads '{column}', which feature node '{name}' does not output.",
                $"Its outputs: {string.Join(", ", outputs)}.");
        return model;
    }

    private static FeatureSpec? ReadOutput(string node, string output, ConfigMapping mapping, DiagnosticBag bag)
    {
        var where = $"output '{output}' of feature node '{node}'";
        var k = DagReader.Keys(mapping, OutputKeys, where, bag);
        var from = DagReader.Text(k, "from", bag);
        if (from is null)
        {
            bag.Error(mapping, $"{where} has no 'from'.", "Name the data column it is derived from.");
            return null;
        }

        var opText = DagReader.Text(k, "op", bag) ?? "copy";
        if (!Ops.TryGetValue(opText, out var op))
        {
            bag.Error(k["op"], $"Unknown op '{opText}' in {where}.", $"Use one of {string.Join(", ", Ops.Keys)}.");
            return null;
        }

        var value = DagReader.Text(k, "value", bag);
        if (op == FeatureOp.OneHot && value is null)
            bag.Error(mapping, $"{where} is one_hot but has no 'value'.",
                "Name the value that reads as 1, e.g. value: a.");
        var std = DagReader.Number(k, "std", bag);
        if (std is <= 0) bag.Error(k["std"], $"'std' of {where} must be positive, got {std}.");
        foreach (var key in new[] { "mean", "std" }.Where(key => k.ContainsKey(key) && op != FeatureOp.Standardize))
            bag.Error(k[key], $"'{key}' of {where} applies only to op: standardize.");
        return new FeatureSpec(
            output, from, op, value, DagReader.Number(k, "mean", bag), std, DagReader.Number(k, "default", bag));
    }
}
