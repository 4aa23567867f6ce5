using AiLab.Application.Planning;
using AiLab.Application.Settings;
using AiLab.Lab.Analysis;
using AiLab.Stats.Sequential;
using AiLab.Storage;

namespace AiLab.Application.Tests.Planning;

public sealed class SequentialPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Plan_NoCalibration_UsesTheDefaultNoiseAndPocockLooksUnderTheCap()
    {
        using var home = new TempDirectory();
        using var stores = StoreFactory.Open(home.File("ailab.db"));
        var experiment = Samples.Experiment("ab-seq");

        var planned = await SequentialPlanner.PlanAsync(
            experiment, stores.Calibrations, VerdictPolicy.Default, "auto", 60, Now);

        var plan = planned.Sequential!;
        var defaults = SequentialDesignOptions.Default;
        Assert.Equal(SpendingFunction.Pocock, plan.Spending);
        Assert.Equal(defaults.DefaultLogSd, plan.LogSd);
        Assert.Equal(VerdictPolicy.Default.Alpha, plan.Alpha);
        Assert.Equal(defaults.LookCount, plan.Looks.Count);
        Assert.True(plan.Looks[0] >= defaults.MinTrials);
        Assert.True(plan.Looks[^1] <= 60);
        Assert.Equal(plan.Looks[^1], planned.TrialsPerVariant);
        Assert.Contains("no calibration", plan.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_OtherOptions_PlansWithThem()
    {
        using var home = new TempDirectory();
        using var stores = StoreFactory.Open(home.File("ailab.db"));
        var options = SequentialDesignOptions.Default with { LookCount = 3, Spending = SpendingFunction.OBrienFleming };

        var planned = await SequentialPlanner.PlanAsync(
            Samples.Experiment("ab-seq"), stores.Calibrations, VerdictPolicy.Default, "none", 60, Now, options);

        var plan = planned.Sequential!;

        Assert.Equal(3, plan.Looks.Count);
        Assert.Equal(SpendingFunction.OBrienFleming, plan.Spending);
    }

    [Fact]
    public async Task Plan_CapBelowTen_IsAnInvalidSetting()
    {
        using var home = new TempDirectory();
        using var stores = StoreFactory.Open(home.File("ailab.db"));

        var e = await Assert.ThrowsAsync<InvalidSettingException>(
            () => SequentialPlanner.PlanAsync(
                Samples.Experiment("ab-seq"), stores.Calibrations, VerdictPolicy.Default, "none", 9, Now));

        Assert.Equal("max-trials", e.Setting);
    }
}
