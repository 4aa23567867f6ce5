using AiLab.Outputs.Dags;
using AiLab.Outputs.Data;
using AiLab.Outputs.Nodes;

namespace AiLab.Outputs.Tests.Nodes;

/// <summary>The ONNX runner on the example's real PyTorch-exported models.</summary>
public sealed class OnnxNodeRunnerTests
{
    private static readonly string Example = Path.Combine(AppContext.BaseDirectory, "example");

    [Fact]
    public async Task RunAsync_ExampleModel_GivesProbabilitiesForEveryExample()
    {
        var table = ExampleTableReader.Read(Path.Combine(Example, "data", "test.jsonl"), "id");

        var scores = await new OnnxNodeRunner().RunAsync(Node(["f0", "f1", "f2", "f3"]), table, Example, CancellationToken.None);

        Assert.Equal(table.Count, scores.Length);
        Assert.All(scores, s => Assert.InRange(s, 0, 1));
    }

    [Fact]
    public async Task RunAsync_WrongNumberOfColumns_SaysWhatTheModelExpects()
    {
        var table = ExampleTableReader.Read(Path.Combine(Example, "data", "test.jsonl"), "id");

        var e = await Assert.ThrowsAsync<OutputsInputException>(() => new OnnxNodeRunner().RunAsync(Node(["f0", "f1", "f2"]), table, Example, CancellationToken.None));

        Assert.Contains("node 'm': input 'features' has shape [-1, 4] but the node feeds 3 columns", e.Message);
    }

    private static ModelNodeSpec Node(string[] columns) =>
        new("m", NodeKind.Onnx, Path.Combine(Example, "models", "baseline.onnx"), null, columns, "features", "score", 1);
}
