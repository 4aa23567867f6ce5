using System.Globalization;
using System.Text;
using AiLab.Outputs.Dags;
using AiLab.Outputs.Data;
using AiLab.Outputs.Nodes;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiLab.Outputs.Tests.Nodes;

public sealed class MlNetNodeRunnerTests
{
    [Fact]
    public async Task RunAsync_TrainedModel_GivesThePredictionEnginesProbabilities()
    {
        using var dir = new TempDir();
        var (data, rows) = WriteData(dir, n: 300, seed: 1);
        var model = Train(dir, rows, "model.zip");
        var node = new ModelNodeSpec("m", NodeKind.MlNet, model, null, ["f0", "f1", "f2"], null, null, 1);

        var scores = await new MlNetNodeRunner().RunAsync(
            node, ExampleTableReader.Read(data, "id"), dir.Path, CancellationToken.None);

        var context = new MLContext(seed: 0);
        var engine = context.Model.CreatePredictionEngine<Input, Output>(context.Model.Load(model, out _));
        var expected = rows.Select(r => (double)engine.Predict(r).Probability).ToArray();
        Assert.Equal(expected.Length, scores.Length);
        for (var i = 0; i < scores.Length; i++) Assert.Equal(expected[i], scores[i], 6);
        Assert.Contains(scores, s => s > 0.5);
        Assert.Contains(scores, s => s < 0.5);
    }

    [Fact]
    public async Task RunAsync_WrongNumberOfColumns_NamesTheNodeAndTheModelsWidth()
    {
        using var dir = new TempDir();
        var (data, rows) = WriteData(dir, n: 50, seed: 2);
        var model = Train(dir, rows, "model.zip");
        var node = new ModelNodeSpec("narrow", NodeKind.MlNet, model, null, ["f0", "f1"], null, null, 1);

        var e = await Assert.ThrowsAsync<OutputsInputException>(() => new MlNetNodeRunner().RunAsync(
            node, ExampleTableReader.Read(data, "id"), dir.Path, CancellationToken.None));

        Assert.Contains("node 'narrow'", e.Message, StringComparison.Ordinal);
        Assert.Contains("is a vector of 3 but the node lists 2 columns", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NotAModel_SaysHowToSaveOne()
    {
        using var dir = new TempDir();
        var (data, _) = WriteData(dir, n: 10, seed: 3);
        var node = new ModelNodeSpec("m", NodeKind.MlNet, dir.Write("junk.zip", "not a zip"), null, ["f0"], null, null, 1);

        var e = await Assert.ThrowsAsync<OutputsInputException>(() => new MlNetNodeRunner().RunAsync(
            node, ExampleTableReader.Read(data, "id"), dir.Path, CancellationToken.None));

        Assert.Contains("junk.zip is not an ML.NET model", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DagWithTwoMlNetNodes_ComparesThem()
    {
        using var dir = new TempDir();
        var (_, rows) = WriteData(dir, n: 400, seed: 4);
        Train(dir, rows, "baseline.zip");
        Train(dir, rows.Reverse().ToArray(), "candidate.zip");
        var dagPath = dir.Write("dag.yaml", """
            name: mlnet-pair
            dataset: { path: data.jsonl, id: id }
            nodes:
              - { name: baseline, type: mlnet, model: baseline.zip, columns: [f0, f1, f2] }
              - { name: candidate, type: mlnet, model: candidate.zip, columns: [f0, f1, f2] }
              - name: compare
                type: compare
                baseline: baseline
                candidate: candidate
                label: label
                metrics:
                  auroc: { max_drop: 0.02 }
            """);

        var report = await DagRunner.Default().RunAsync(DagReader.Load(dagPath), "t", DateTimeOffset.UnixEpoch,
            CancellationToken.None);

        Assert.True(report.Passed);
        Assert.InRange(report.Overall.Delta("auroc").Baseline, 0.8, 1.0);
    }

    internal static (string Path, Input[] Rows) WriteData(TempDir dir, int n, int seed)
    {
        var random = new Random(seed);
        var rows = new Input[n];
        var text = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            var f = new[] { (float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble() };
            var label = f[0] + f[1] + (0.3 * random.NextDouble()) > 1.15;
            rows[i] = new Input { Features = f, Label = label };
            text.Append(CultureInfo.InvariantCulture,
                $"{{\"id\":\"e{i}\",\"f0\":{f[0]:R},\"f1\":{f[1]:R},\"f2\":{f[2]:R},\"label\":{(label ? 1 : 0)}}}\n");
        }

        return (dir.Write("data.jsonl", text.ToString()), rows);
    }

    internal static string Train(TempDir dir, Input[] rows, string name)
    {
        var context = new MLContext(seed: 0);
        var view = context.Data.LoadFromEnumerable(rows);
        var model = context.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(view);
        var path = Path.Combine(dir.Path, name);
        context.Model.Save(model, view.Schema, path);
        return path;
    }

    internal sealed class Input
    {
        [VectorType(3)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    private sealed class Output
    {
        public float Probability { get; set; }
    }
}
