using AiLab.Core.Workflows;
using AiLab.Outputs.Dags;
using AiLab.Outputs.Features;

namespace AiLab.Outputs.Tests.Dags;

public sealed class DagReaderFeatureTests
{
    private const string Dag = """
        name: t
        dataset: { path: data.jsonl, id: id }
        nodes:
          - name: feat
            type: features
            outputs:
              x: x
              z: { from: age, op: standardize, mean: 40, std: 10 }
              red: { from: colour, op: one_hot, value: red }
          - name: a
            type: command
            run: [python3, a.py]
            features: feat
          - name: b
            type: command
            run: [python3, b.py]
            features: feat
            columns: [z, x]
          - name: compare
            type: compare
            baseline: a
            candidate: b
            label: y
            metrics: { auroc: { max_drop: 0.01 } }
        """;

    [Fact]
    public void Parse_FeatureNode_ReadsOutputsAndPointsModelsAtThem()
    {
        using var dir = new TempDir();
        dir.Write("data.jsonl", "{\"id\":\"1\",\"x\":1,\"y\":0}\n");

        var dag = DagReader.Parse(Dag, "dag.yaml", dir.Path);

        var feat = Assert.Single(dag.Features);
        Assert.Equal(["x", "z", "red"], feat.Outputs.Select(o => o.Output));
        Assert.Equal(new FeatureSpec("z", "age", FeatureOp.Standardize, null, 40, 10, null), feat.Outputs[1]);
        Assert.Equal(["x", "z", "red"], dag.Model("a").Columns);
        Assert.Equal("feat.z", dag.Model("b").TableColumn(dag.Model("b").Columns[0]));
    }

    [Fact]
    public void Parse_BadFeatureNodes_ReportsEveryProblemWithItsLine()
    {
        using var dir = new TempDir();
        dir.Write("data.jsonl", "{\"id\":\"1\",\"x\":1,\"y\":0}\n");
        var bad = Dag.Replace("op: one_hot, value: red", "op: one_hot").Replace("op: standardize", "op: zscore")
            .Replace("columns: [z, x]", "columns: [z, w]")
            .Replace("features: feat\n  - name: b", "features: nope\n  - name: b");

        var e = Assert.Throws<ConfigException>(() => DagReader.Parse(bad, "dag.yaml", dir.Path));

        Assert.Contains("dag.yaml:8:", e.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown op 'zscore'", e.Message, StringComparison.Ordinal);
        Assert.Contains("is one_hot but has no 'value'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Node 'a' reads features from 'nope', which is not a feature node", e.Message,
            StringComparison.Ordinal);
        Assert.Contains("Node 'b' reads 'w', which feature node 'feat' does not output", e.Message,
            StringComparison.Ordinal);
    }
}
