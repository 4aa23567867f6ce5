using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Core.Workflows;
using AiLab.Lab.Footprints;
using AiLab.Lab.Shrinking;

namespace AiLab.Lab.Tests.Shrinking;

/// <summary>The restore logic against a fake measurer whose phases are functions of the config it is given, so that
/// which rule shrank which phase is known: the model's width drives model_build (its cube, as orthogonal init does),
/// the samples drive preprocessing.</summary>
public sealed partial class PhaseRestorerTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Run_WidthShrankTheDominantModelBuild_KeepsNothingAndNamesTheWidthRuleAsTooCostly()
    {
        // The bench's production size: 125,000 rows, 16 layers of 1024 built with a QR each (~14.8 CPU-s).
        File.WriteAllText(dir.File("config.json"), """
            {"samples": 125000, "hidden_sizes": [1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024,
             1024, 1024, 1024, 1024, 1024], "steps": 2, "num_workers": 2, "seed": 1234}
            """);
        var measurer = new FakeMeasurer(dir.Path, Workload);
        var written = new List<ShrunkWorkflow>();

        var (shrunk, report) = await Restore(measurer, written);

        Assert.Equal(2, measurer.Measured.Count); // production and shrunk only: the restore was priced, not run
        Assert.Empty(written);
        Assert.Empty(shrunk.Restored);
        var attempt = Assert.Single(report.Restores);
        Assert.Equal(("model_build", "model width", RestoreOutcome.TooCostly, false),
            (attempt.Phase, attempt.Rule, attempt.Outcome, attempt.Measured));
        Assert.Equal(["hidden_sizes"], attempt.Changes.Select(c => c.Key));
        Assert.True(attempt.CpuMs > attempt.BudgetCpuMs, $"{attempt.CpuMs} vs {attempt.BudgetCpuMs}");
        Assert.False(report.Shares.Single(s => s.Phase == "model_build").Represented);
        Assert.True(report.CostRatio > 10, $"{report.CostRatio}");
        Assert.Contains(shrunk.Changes, c => c is { Key: "samples", To: "12500" });
    }

    [Fact]
    public async Task Run_DataSubsetShrankPreprocessing_KeepsTheSamplesAndNamesTheRule()
    {
        // The earlier production size: preprocessing ~17% of TTFB, a small model.
        File.WriteAllText(dir.File("config.json"), """
            {"samples": 100000, "hidden_sizes": [512, 512], "steps": 150, "num_workers": 0, "seed": 1234}
            """);
        var measurer = new FakeMeasurer(dir.Path, c => [
            ("imports", 1000), ("config_validation", 15), ("preprocessing", 0.0058 * (int)c["samples"]!),
            ("model_build", 8), ("first_batch", 30)]);
        var written = new List<ShrunkWorkflow>();

        var (shrunk, report) = await Restore(measurer, written);

        Assert.Equal(3, measurer.Measured.Count);
        Assert.Single(written); // the derivation with the samples kept, written before it was measured
        Assert.Equal(["samples"], shrunk.Restored.Select(c => c.Key));
        Assert.Equal(["preprocessing"], shrunk.RestoredFor);
        var attempt = Assert.Single(report.Restores);
        Assert.Equal(("preprocessing", "data subset", RestoreOutcome.Kept, true),
            (attempt.Phase, attempt.Rule, attempt.Outcome, attempt.Measured));
        Assert.True(report.Shares.Single(s => s.Phase == "preprocessing").Represented);
        var tree = shrunk.Files[dir.File("config.shrunk.json")];
        Assert.Equal((100000, 1), ((int)tree["samples"]!, (int)tree["steps"]!));
        Assert.Equal("[128,128]", tree["hidden_sizes"]!.ToJsonString());
    }

    [Fact]
    public async Task Run_PhaseNothingPointsAt_TriesEachRuleInTurnAndKeepsOnlyTheCause()
    {
        // 'stage2' spawns each data-loader worker: only the workers rule shrinks it, and its name says nothing.
        File.WriteAllText(dir.File("config.json"), """
            {"steps": 40, "samples": 2000, "num_workers": 8, "seed": 1}
            """);
        var measurer = new FakeMeasurer(dir.Path, c => [
            ("imports", 1000), ("stage2", 100.0 * (int)c["num_workers"]!), ("first_batch", 20)]);
        var written = new List<ShrunkWorkflow>();

        var (shrunk, report) = await Restore(measurer, written);

        Assert.Equal(
            [("iterations", RestoreOutcome.NotTheCause), ("data subset", RestoreOutcome.NotTheCause),
                ("data-loader workers", RestoreOutcome.Kept)],
            report.Restores.Select(a => (a.Rule!, a.Outcome)));
        Assert.Equal(["num_workers"], shrunk.Restored.Select(c => c.Key));
        Assert.Equal(3, written.Count); // the last one measured is the one kept: nothing to put back
        var tree = shrunk.Files[dir.File("config.shrunk.json")];
        Assert.Equal((8, 1), ((int)tree["num_workers"]!, (int)tree["steps"]!));
    }

    [Fact]
    public async Task Run_LaterTryNotKept_WritesTheKeptDerivationBack()
    {
        // preprocessing comes back with the samples; 'tail' was shrunk by an override, which is never undone.
        File.WriteAllText(dir.File("config.json"), """{"samples": 100000, "steps": 10, "depth_knob": 20}""");
        var measurer = new FakeMeasurer(dir.Path, c => [
            ("imports", 2800), ("preprocessing", 0.0058 * (int)c["samples"]!), ("tail", 25.0 * (int)c["depth_knob"]!),
            ("first_batch", 40)]);
        var written = new List<ShrunkWorkflow>();
        var settings = new ShrinkSettings { Set = new Dictionary<string, string> { ["depth_knob"] = "1" } };

        var (shrunk, report) = await Restore(measurer, written, settings);

        Assert.Contains(report.Restores, a => a is { Phase: "preprocessing", Outcome: RestoreOutcome.Kept });
        Assert.Contains(report.Restores, a => a is { Phase: "tail", Rule: "iterations",
            Outcome: RestoreOutcome.NotTheCause });
        Assert.Equal(["samples"], shrunk.Restored.Select(c => c.Key));
        Assert.Same(shrunk.Files, written[^1].Files); // what is on disk is the derivation kept
        Assert.Equal(100000, (int)written[^1].Files[dir.File("config.shrunk.json")]["samples"]!);
        Assert.Equal(1, (int)written[^1].Files[dir.File("config.shrunk.json")]["steps"]!);
    }

    [Fact]
    public async Task Run_OnlyRuleIsTheCause_RecordsNothingLeftAndKeepsTheShrunkTest()
    {
        // The steps are all the rules change: keeping them would leave the production run itself.
        File.WriteAllText(dir.File("config.json"), """{"steps": 100}""");
        var measurer = new FakeMeasurer(dir.Path, c => [
            ("imports", 1000), ("warmup", 10.0 * (int)c["steps"]!), ("first_batch", 20)]);
        var written = new List<ShrunkWorkflow>();

        var (shrunk, report) = await Restore(measurer, written);

        Assert.Equal(2, measurer.Measured.Count);
        Assert.Empty(written);
        Assert.Empty(shrunk.Restored);
        var attempt = Assert.Single(report.Restores);
        Assert.Equal(("warmup", "iterations", RestoreOutcome.NothingLeft), (attempt.Phase, attempt.Rule,
            attempt.Outcome));
        Assert.Equal(1, (int)shrunk.Files[dir.File("config.shrunk.json")]["steps"]!);
    }

    [Fact]
    public void For_PhaseNames_PutTheRuleTheirWordsPointAtFirst()
    {
        ShrinkChange[] changes =
        [
            new("config.json", "steps", "2", "1", "iterations"),
            new("config.json", "samples", "125000", "12500", "data subset"),
            new("config.json", "model.hidden_sizes", "[1024]", "[256]", "model width"),
            new("config.json", "num_workers", "2", "1", "data-loader workers"),
            new("config.json", "seed", "null", "0", "fixed seed"),
        ];

        Assert.Equal("model width", RestoreOrder.For("model_build", changes)[0]);
        Assert.Equal("data subset", RestoreOrder.For("preprocessing", changes)[0]);
        Assert.Equal("data subset", RestoreOrder.For("loadDataset", changes)[0]);
        Assert.Equal("data-loader workers", RestoreOrder.For("first_batch", changes)[0]);
        Assert.Equal(["iterations", "data subset", "model width", "data-loader workers"],
            RestoreOrder.For("stage2", changes)); // nothing points: the order of the changes; the seed never
    }

    // imports ~1 CPU-s; preprocessing in proportion to the samples; model_build a QR per layer (width cubed).
    private static (string, double)[] Workload(JsonNode c) =>
    [
        ("imports", 1000), ("config_validation", 15), ("preprocessing", 0.0058 * (int)c["samples"]!),
        ("model_build", c["hidden_sizes"]!.AsArray().Sum(w => 925 * Math.Pow((int)w! / 1024.0, 3))),
        ("first_batch", 30 + 10 * (int)c["num_workers"]!),
    ];

    private async Task<(ShrunkWorkflow, FidelityReport)> Restore(FakeMeasurer measurer, List<ShrunkWorkflow> written,
        ShrinkSettings? settings = null)
    {
        var production = new WorkflowSpec
        {
            Name = "train", Run = "python3 train.py --config config.json", Shrink = settings ?? ShrinkSettings.None,
        };
        var shrunk = Shrinker.Derive(production, dir.Path);
        foreach (var (file, tree) in shrunk.Files) ConfigFile.Write(file, tree);
        return await new PhaseRestorer(measurer).RunAsync(shrunk, dir.Path, 2, again =>
        {
            foreach (var (file, tree) in again.Files) ConfigFile.Write(file, tree);
            written.Add(again);
            return Task.CompletedTask;
        }, CancellationToken.None);
    }

    /// <summary>Reads the config the workflow's command names, as written on disk, and reports two trials whose
    /// phases (wall = CPU, ms) are the given function of it.</summary>
    private sealed partial class FakeMeasurer(string root, Func<JsonNode, (string, double)[]> phases) : ISizeMeasurer
    {
        public List<string> Measured { get; } = [];

        public Task<SizeMeasurement> MeasureAsync(WorkflowSpec workflow, string root2, int runs, CancellationToken ct)
        {
            var config = ConfigArg().Match(workflow.Run).Groups[1].Value;
            Measured.Add(config);
            var tree = ConfigFile.Read(Path.Combine(root, config), out _)!;
            var timed = phases(tree);
            var trials = Enumerable.Range(0, runs).Select(i => new TrialRecord(config, i, "A", false, new TrialResult
            {
                Status = TrialStatus.Succeeded, StartedAt = DateTimeOffset.UnixEpoch, TtfbMs = timed.Sum(p => p.Item2),
                Phases = [.. timed.Select(p => new Phase(p.Item1, p.Item2, p.Item2))],
                Resources = new ResourceUsage(timed.Sum(p => p.Item2), 0, 0),
            })).ToList();
            var footprint = new TrialFootprintFile("first_batch", new Dictionary<string, string?> { ["torch"] = null });
            return Task.FromResult(new SizeMeasurement(config, trials, [footprint, footprint]));
        }

        [GeneratedRegex("--config (\\S+)")]
        private static partial Regex ConfigArg();
    }
}
