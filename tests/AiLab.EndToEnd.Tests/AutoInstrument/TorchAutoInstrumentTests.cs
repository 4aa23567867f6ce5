using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.AutoInstrument;

/// <summary><c>--auto-instrument torch</c> on a PyTorch script that knows nothing of ailab.</summary>
public sealed class TorchAutoInstrumentTests
{
    private const string TinyTraining = """
        import torch
        from torch.utils.data import DataLoader, TensorDataset

        torch.manual_seed(0)
        dataset = TensorDataset(torch.randn(64, 4), torch.randn(64, 1))
        loader = DataLoader(dataset, batch_size=16, shuffle=True)
        model = torch.nn.Linear(4, 1)
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for x, y in loader:
            loss = torch.nn.functional.mse_loss(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print("trained 4 batches")
        """;

    [Fact]
    public void Run_UnmodifiedTorchScript_MarksImportsAndFirstBatch()
    {
        using var sandbox = new Sandbox();
        var script = sandbox.Write("train.py", TinyTraining);

        var result = sandbox.Ailab("run", "--auto-instrument", "torch", "--run", $"{Workloads.Python} train.py", "--trials", "2", "--warmup", "0", "--json").AssertExit(0);

        var doc = result.Json();
        Assert.Equal((2, 0, 0), doc.TrialCounts());
        // Each phase's CPU time follows the wall-clock metrics (docs/statistics.md, "CPU time of CPU-bound phases").
        Assert.Equal(["ttfb", "phase:imports", "phase:first_batch", "cpu_time", "peak_rss", "phase_cpu:imports",
                "phase_cpu:first_batch"],
            doc.GetProperty("metrics").EnumerateArray().Select(m => m.Str("name")));
        // Importing torch is most of the start-up: it takes the better part of a second even on a fast machine.
        var imports = doc.Metric("phase:imports").GetProperty("median").GetDouble();
        var ttfb = doc.Metric("ttfb").GetProperty("median").GetDouble();
        Assert.InRange(imports, 200, ttfb);
        Assert.Equal(TinyTraining.ReplaceLineEndings("\n"), File.ReadAllText(script));

        var shown = StoreChecks.ShowWithTrials(sandbox, doc.Id());
        Assert.All(shown.TrialResults(), t =>
        {
            Assert.Equal(["imports", "first_batch"], t.GetProperty("phases_ms").EnumerateObject().Select(p => p.Name));
            Assert.Empty(t.GetProperty("warnings").EnumerateArray());
            Assert.Contains("trained 4 batches", File.ReadAllText(t.Str("log")), StringComparison.Ordinal);
        });
    }
}
