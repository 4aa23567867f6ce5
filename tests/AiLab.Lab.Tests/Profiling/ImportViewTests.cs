using AiLab.Lab.Profiling.Imports;
using AiLab.Lab.Profiling.Model;
using AiLab.Lab.Profiling.Running;

namespace AiLab.Lab.Tests.Profiling;

public sealed class ImportViewTests
{
    private static TrialProfile Trial(string label, bool heavyInWindow, double heavyMs) => new()
    {
        Variant = label, TtfbMs = 500, UnprofiledMs = 20, IntervalMs = 5, Frames = [], Stacks = [],
        Imports =
        [
            new ImportRecord("json", null, 25, 8, 3, true),
            new ImportRecord("json.decoder", "json", 26, 5, 5, true),
            new ImportRecord("heavy", null, 40, heavyMs, 10, heavyInWindow),
            new ImportRecord("heavy.kernels", "heavy", 41, heavyMs - 10, heavyMs - 10, heavyInWindow),
        ],
    };

    [Fact]
    public void Compute_HeavyImportMadeLazy_HeavyLeftTheWindowWithItsTimeAndItsChildIsCountedInIt()
    {
        var set = new ProfileSet
        {
            BaselineLabel = "A", CandidateLabel = "B", Folder = "/nonexistent",
            Baseline = [Trial("A", true, 300), Trial("A", true, 310), Trial("A", true, 290)],
            Candidate = [Trial("B", false, 300), Trial("B", false, 305), Trial("B", true, 300)],
        };

        var view = ImportView.Compute(set, floorMs: 5);

        var left = Assert.Single(view.Left);
        Assert.Equal("heavy", left.Module);
        Assert.Equal(300, left.BaselineMs);
        Assert.Equal(0, left.CandidateMs);
        Assert.Empty(view.Entered);
        Assert.Equal(["heavy", "heavy.kernels", "json", "json.decoder"], view.Modules.Select(m => m.Module));
        Assert.Equal(1, view.Modules.Single(m => m.Module == "heavy.kernels").Depth);
        Assert.Equal("both", view.Modules.Single(m => m.Module == "json").Window);
    }
}
