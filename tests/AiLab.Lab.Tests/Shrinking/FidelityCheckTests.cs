using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Lab.Footprints;
using AiLab.Lab.Shrinking;

namespace AiLab.Lab.Tests.Shrinking;

public sealed class FidelityCheckTests
{
    private static SizeMeasurement Size(string id, double cpuMs, (string, double)[] phases, params string[] modules)
    {
        var trials = Enumerable.Range(0, 2).Select(i => new TrialRecord(id, i, "A", false, new TrialResult
        {
            Status = TrialStatus.Succeeded, StartedAt = DateTimeOffset.UnixEpoch,
            TtfbMs = phases.Sum(p => p.Item2), Phases = [.. phases.Select(p => new Phase(p.Item1, p.Item2))],
            Resources = new ResourceUsage(cpuMs, 0, 0),
        })).ToList();
        var footprint = new TrialFootprintFile("first_batch", modules.ToDictionary(m => m, string? (_) => null));
        return new SizeMeasurement(id, trials, [footprint, footprint]);
    }

    [Fact]
    public void Compare_SamePhasesAndModules_PassesWithTheCostRatioAndFlagsAShrunkenPhase()
    {
        var production = Size("p", 20000, [("imports", 900), ("preprocessing", 300), ("first_batch", 100)], "torch",
            "numpy");
        var shrunk = Size("s", 1000, [("imports", 900), ("preprocessing", 20), ("first_batch", 80)], "torch", "numpy");

        var report = FidelityCheck.Compare(production, shrunk);

        Assert.True(report.Passed, string.Join("; ", report.Problems));
        Assert.Equal(20, report.CostRatio, 6);
        Assert.False(report.Shares.Single(s => s.Phase == "preprocessing").Represented);
        Assert.True(report.Shares.Single(s => s.Phase == "imports").Represented);
    }

    [Fact]
    public void Compare_DifferentPhasesOrModules_FailsNamingThem()
    {
        var production = Size("p", 20000, [("imports", 900), ("model_build", 50), ("first_batch", 100)], "torch",
            "torch.cuda");
        var shrunk = Size("s", 1000, [("imports", 900), ("first_batch", 80)], "torch", "multiprocessing");

        var report = FidelityCheck.Compare(production, shrunk);

        Assert.False(report.Passed);
        Assert.Equal(["torch.cuda"], report.MissingModules);
        Assert.Equal(["multiprocessing"], report.ExtraModules);
        Assert.Contains(report.Problems, p => p.StartsWith("the phases differ", StringComparison.Ordinal));
    }
}
