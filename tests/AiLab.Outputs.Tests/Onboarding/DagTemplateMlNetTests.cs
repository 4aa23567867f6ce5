using AiLab.Outputs.Dags;
using AiLab.Outputs.Onboarding;
using AiLab.Outputs.Tests.Nodes;

namespace AiLab.Outputs.Tests.Onboarding;

public sealed class DagTemplateMlNetTests
{
    [Fact]
    public async Task Generate_MlNetModel_WritesAnMlNetDagThatRunsAsWritten()
    {
        using var dir = new TempDir();
        var (data, rows) = MlNetNodeRunnerTests.WriteData(dir, n: 200, seed: 5);
        var model = MlNetNodeRunnerTests.Train(dir, rows, "model.zip");

        var text = DagTemplate.Generate(model, data, dir.Path);
        var dagPath = dir.Write("outputs.yaml", text);
        var report = await DagRunner.Default().RunAsync(DagReader.Load(dagPath), "t", DateTimeOffset.UnixEpoch,
            CancellationToken.None);

        Assert.Contains("type: mlnet", text, StringComparison.Ordinal);
        Assert.Contains("input: Features", text, StringComparison.Ordinal);
        Assert.Contains("f2: { from: f2, op: copy }", text, StringComparison.Ordinal);
        Assert.Contains("features: features", text, StringComparison.Ordinal);
        Assert.True(report.Passed);
    }
}
