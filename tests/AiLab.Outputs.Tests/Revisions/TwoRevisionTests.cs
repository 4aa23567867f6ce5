using AiLab.Outputs.Comparing;
using AiLab.Outputs.Dags;
using AiLab.Testing;

namespace AiLab.Outputs.Tests.Revisions;

/// <summary>The same node at two revisions of a generated git repository: the model file at <c>models/model.onnx</c>
/// is the example's baseline at tag v1 and its slice-c regression at tag v2; each side runs from its own worktree in
/// the build cache (real git, real ONNX Runtime).</summary>
public sealed class TwoRevisionTests : IDisposable
{
    private const string Dag = """
        name: two-revisions
        dataset: { path: data/test.jsonl, id: id }
        nodes:
          - name: features
            type: features
            outputs: { f0: f0, f1: f1, f2: f2, f3: f3 }
          - name: model
            type: onnx
            model: models/model.onnx
            features: features
          - name: compare
            type: compare
            baseline: model@v1
            candidate: model@v2
            label: label
            slice: slice
            metrics: { auroc: { max_drop: 0.02 }, accuracy: { max_drop: 0.02 } }
        """;

    private static readonly string Example = Path.Combine(AppContext.BaseDirectory, "example");
    private readonly TempGitRepo _repo = new();

    public TwoRevisionTests()
    {
        Directory.CreateDirectory(Path.Combine(_repo.Path, "data"));
        Directory.CreateDirectory(Path.Combine(_repo.Path, "models"));
        File.Copy(Path.Combine(Example, "data", "test.jsonl"), Path.Combine(_repo.Path, "data", "test.jsonl"));
        // Written, not copied: a copy keeps the source's mtime, and both models have the same size, so git's stat
        // cache would take the second for unchanged.
        File.WriteAllBytes(Model, File.ReadAllBytes(Path.Combine(Example, "models", "baseline.onnx")));
        _repo.Commit("the model that serves today", ("dag.yaml", Dag));
        _repo.Git("tag", "v1");
        File.WriteAllBytes(Model, File.ReadAllBytes(Path.Combine(Example, "models", "candidate_slice_c.onnx")));
        File.SetLastWriteTimeUtc(Model, DateTime.UtcNow.AddMinutes(1));
        _repo.Commit("retrain (with slice c's labels shuffled by a pipeline bug)");
        _repo.Git("tag", "v2");
    }

    private string Model => Path.Combine(_repo.Path, "models", "model.onnx");

    [Fact]
    public async Task Run_SameNodeAtTwoRevisions_ComparesEachRevisionsModelAndFailsOnSliceC()
    {
        var dag = DagReader.Load(Path.Combine(_repo.Path, "dag.yaml"));

        var report = await RunAsync(dag);

        Assert.StartsWith("model@v1 (", report.Baseline.Name, StringComparison.Ordinal);
        Assert.StartsWith("model@v2 (", report.Candidate.Name, StringComparison.Ordinal);
        Assert.Equal(Sha(Path.Combine(Example, "models", "baseline.onnx")), report.Baseline.Sha256);
        Assert.Equal(Sha(Path.Combine(Example, "models", "candidate_slice_c.onnx")), report.Candidate.Sha256);
        Assert.StartsWith(_repo.Outside("builds"), report.Baseline.Location, StringComparison.Ordinal);
        Assert.False(report.Passed);
        Assert.Contains(report.Verdicts, v => !v.Passed && v.Slice == "c" && v.Metric == "auroc");
        Assert.DoesNotContain(report.Verdicts, v => !v.Passed && v.Slice is "a" or "b");
        Assert.Equal(Sha(Path.Combine(Example, "models", "candidate_slice_c.onnx")), Sha(Model));
    }

    [Fact]
    public async Task Run_RevisionAgainstItsOwnContent_PassesWithNoFlips()
    {
        // v2 against the working tree, which holds the same model: same scores, nothing flips.
        var dag = DagReader.Load(Path.Combine(_repo.Path, "dag.yaml"));
        dag = dag with { Compare = dag.Compare with { Baseline = "model@v2", Candidate = "model" } };

        var report = await RunAsync(dag);

        Assert.True(report.Passed);
        Assert.Empty(report.Flipped);
        Assert.Equal(report.Baseline.Sha256, report.Candidate.Sha256);
    }

    [Fact]
    public async Task Run_UnknownRevision_IsBadInputNamingTheSide()
    {
        var dag = DagReader.Load(Path.Combine(_repo.Path, "dag.yaml"));
        dag = dag with { Compare = dag.Compare with { Candidate = "model@no-such-tag" } };

        var e = await Assert.ThrowsAsync<OutputsInputException>(() =>
            RunAsync(dag));

        Assert.Contains("node 'model@no-such-tag'", e.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-tag", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SideWithEmptyRevision_IsReportedWithTheFix()
    {
        var e = Assert.Throws<AiLab.Core.Workflows.ConfigException>(() =>
            DagReader.Parse(Dag.Replace("candidate: model@v2", "candidate: model@"), "dag.yaml", _repo.Path));

        Assert.Contains("no revision after the '@'", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _repo.Dispose();

    private static string Sha(string path) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    private Task<ComparisonReport> RunAsync(DagConfig dag) =>
        DagRunner.Default(_repo.Outside("builds"))
            .RunAsync(dag, "out-test", DateTimeOffset.UnixEpoch, CancellationToken.None);
}
