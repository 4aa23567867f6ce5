using AiLab.Core.Workflows;
using AiLab.Outputs.Dags;

namespace AiLab.Outputs.Tests.Dags;

public sealed class DagReaderTests
{
    private const string Valid = """
        name: t
        dataset:
          path: data.jsonl
          id: id
        nodes:
          - name: a
            type: command
            run: [python3, a.py]
            columns: [x]
          - name: b
            type: command
            run: [python3, b.py]
            columns: [x]
          - name: compare
            type: compare
            baseline: a
            candidate: b
            label: y
            slice: s
            metrics:
              auroc: { max_drop: 0.01, floor: 0.7 }
              ece: { max_drop: 0.02 }
        """;

    [Fact]
    public void Parse_ValidDag_ReadsNodesAndRules()
    {
        using var dir = new TempDir();
        dir.Write("data.jsonl", "{\"id\":\"1\",\"x\":1,\"y\":0}\n");

        var dag = DagReader.Parse(Valid, "dag.yaml", dir.Path);

        Assert.Equal(["a", "b"], dag.Models.Select(m => m.Name));
        Assert.Equal(NodeKind.Command, dag.Models[0].Kind);
        Assert.Equal("score", dag.Models[0].Output);
        Assert.Equal("s", dag.Compare.Slice);
        Assert.Equal(new MetricRule("auroc", 0.7, 0.01, null, true), dag.Compare.Rules[0]);
        Assert.False(dag.Compare.Rules[1].HigherIsBetter);
    }

    [Fact]
    public void Parse_UnknownMetricAndMissingNode_ReportsBothWithLines()
    {
        using var dir = new TempDir();
        dir.Write("data.jsonl", "{}\n");
        var text = Valid.Replace("candidate: b", "candidate: c").Replace("ece:", "eec:");

        var e = Assert.Throws<ConfigException>(() => DagReader.Parse(text, "dag.yaml", dir.Path));

        Assert.Contains(e.Diagnostics, d => d.Problem.Contains("'c', which is not a model node") && d.Line == 14);
        Assert.Contains(e.Diagnostics, d => d.Problem.Contains("Unknown metric 'eec'") && d.Line == 22 && d.Hint!.Contains("ece"));
    }

    [Fact]
    public void Parse_MissingDataFile_NamesTheFileLineAndLookedAtPath()
    {
        using var dir = new TempDir();

        var e = Assert.Throws<ConfigException>(() => DagReader.Parse(Valid, "dag.yaml", dir.Path));

        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(3, d.Line);
        Assert.Contains("Data set 'data.jsonl' not found", d.Problem);
        Assert.StartsWith("dag.yaml:3:", d.ToString());
    }

    [Fact]
    public void Parse_UnknownNodeType_SuggestsTheKnownTypes()
    {
        using var dir = new TempDir();
        dir.Write("data.jsonl", "{}\n");

        var e = Assert.Throws<ConfigException>(() => DagReader.Parse(Valid.Replace("type: command\n    run: [python3, b.py]", "type: torch\n    run: [python3, b.py]"), "dag.yaml", dir.Path));

        Assert.Contains(e.Diagnostics, d => d.Problem == "Node 'b' has unknown type 'torch'."
                                            && d.Hint == "Use features, onnx, mlnet, command or compare.");
    }
}
