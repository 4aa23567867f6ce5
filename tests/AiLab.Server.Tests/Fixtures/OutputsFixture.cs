using AiLab.Outputs;
using AiLab.Outputs.Comparing;
using AiLab.Outputs.Dags;
using AiLab.Outputs.Storing;
using AiLab.Server.Data;
using AiLab.Server.Hosting;
using AiLab.Storage;
using Microsoft.AspNetCore.Builder;

namespace AiLab.Server.Tests.Fixtures;

/// <summary>Two real model-output comparisons of the same DAG (the example's PyTorch-trained ONNX models through
/// ONNX Runtime: an equivalent retrain, then the slice-c regression) stored in a temp SQLite store, behind a real
/// server.</summary>
public sealed class OutputsFixture : IAsyncLifetime
{
    private const string Dag = """
        name: fraud-model
        dataset: { path: data/test.jsonl, id: id }
        nodes:
          - name: features
            type: features
            outputs: { f0: f0, f1: f1, f2: f2, f3: f3 }
          - name: baseline
            type: onnx
            model: models/baseline.onnx
            features: features
          - name: candidate
            type: onnx
            model: models/CANDIDATE.onnx
            features: features
          - name: compare
            type: compare
            baseline: baseline
            candidate: candidate
            label: label
            slice: slice
            metrics: { accuracy: { max_drop: 0.02 }, auroc: { max_drop: 0.02 }, auprc: { max_drop: 0.03 } }
        """;

    private readonly TempDirectory _root = new("ailab-outputs-page-");
    private LabData? _data;
    private WebApplication? _app;

    /// <summary>The equivalent retrain (stored first).</summary>
    public ComparisonReport Equivalent { get; private set; } = null!;

    /// <summary>The slice-c regression (stored second, so newest).</summary>
    public ComparisonReport Regression { get; private set; } = null!;

    /// <summary>The server's address.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var example = Path.Combine(AppContext.BaseDirectory, "outputs-example");
        var at = new DateTimeOffset(2026, 12, 6, 7, 0, 0, TimeSpan.Zero);
        Equivalent = await RunAsync(example, "candidate_equivalent", "out-20261206-070000-0001", at);
        Regression = await RunAsync(example, "candidate_slice_c", "out-20261206-070100-0002", at.AddMinutes(1));
        var database = _root.File("lab.db");
        using (var stores = StoreFactory.Open(database))
        {
            var archive = new ComparisonArchive(stores.OutputComparisons);
            await archive.AddAsync(Equivalent);
            await archive.AddAsync(Regression);
        }

        _data = LabData.OpenSqlite(database);
        _app = LabServer.Build(new ServerOptions { DatabasePath = database, Port = 0 }, _data);
        await _app.StartAsync();
        BaseAddress = LabServer.BoundAddress(_app);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _data?.Dispose();
        _root.Dispose();
    }

    private Task<ComparisonReport> RunAsync(string example, string candidate, string id, DateTimeOffset at)
    {
        var path = Path.Combine(example, candidate + ".yaml");
        File.WriteAllText(path, Dag.Replace("CANDIDATE", candidate));
        return DagRunner.Default().RunAsync(DagReader.Load(path), id, at, CancellationToken.None);
    }
}
